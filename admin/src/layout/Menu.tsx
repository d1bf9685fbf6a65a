import { type ReactNode } from "react";
import Collapse from "@mui/material/Collapse";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import ExpandLess from "@mui/icons-material/ExpandLess";
import ExpandMore from "@mui/icons-material/ExpandMore";
import { Menu as RaMenu, usePermissions, useSidebarState, useStore } from "react-admin";
import DashboardIcon from "@mui/icons-material/SpaceDashboardOutlined";
import PeopleIcon from "@mui/icons-material/PersonSearchOutlined";
import InboxIcon from "@mui/icons-material/MoveToInboxOutlined";
import QueueIcon from "@mui/icons-material/StackedBarChartOutlined";
import BadgeIcon from "@mui/icons-material/BadgeOutlined";
import GroupsIcon from "@mui/icons-material/GroupsOutlined";
import HandshakeIcon from "@mui/icons-material/HandshakeOutlined";
import DomainIcon from "@mui/icons-material/DomainOutlined";
import WebFormIcon from "@mui/icons-material/DynamicFormOutlined";
import DedupSettingsIcon from "@mui/icons-material/TuneOutlined";
import ImportIcon from "@mui/icons-material/UploadFileOutlined";
import MyLeadsIcon from "@mui/icons-material/AssignmentIndOutlined";
import ScoringIcon from "@mui/icons-material/SpeedOutlined";
import AssignmentIcon from "@mui/icons-material/AltRouteOutlined";
import PipelineIcon from "@mui/icons-material/ViewKanbanOutlined";
import AccountIcon from "@mui/icons-material/BusinessOutlined";
import ContactIcon from "@mui/icons-material/ContactPhoneOutlined";
import DealIcon from "@mui/icons-material/MonetizationOnOutlined";
import TaskIcon from "@mui/icons-material/TaskAltOutlined";
import StageIcon from "@mui/icons-material/LinearScaleOutlined";
import ConversionIcon from "@mui/icons-material/SwapHorizOutlined";
import CustomFieldIcon from "@mui/icons-material/PlaylistAddOutlined";
import SequenceIcon from "@mui/icons-material/ForwardToInboxOutlined";
import EnrollmentIcon from "@mui/icons-material/HowToRegOutlined";
import SuppressionIcon from "@mui/icons-material/BlockOutlined";
import NurtureSettingsIcon from "@mui/icons-material/MarkEmailReadOutlined";
import AuditIcon from "@mui/icons-material/ManageHistoryOutlined";
import BookingIcon from "@mui/icons-material/EventAvailableOutlined";
import InventoryIcon from "@mui/icons-material/ApartmentOutlined";
import CampaignIcon from "@mui/icons-material/CampaignOutlined";
import SourceIcon from "@mui/icons-material/SourceOutlined";
import type { Permissions } from "../auth/sessionModel.ts";
import { AlertsMenuItem } from "./AlertsMenuItem.tsx";
import { DuplicatesMenuItem } from "./DuplicatesMenuItem.tsx";
import { MailCatcherMenuItem } from "../nurture/MailCatcherPage.tsx";
import { ReportsMenuGroup } from "../journey/JourneyMenu.tsx";
import { menuFor, type MenuEntry } from "./menuModel.ts";

/** The icon and test id of each entry; which entries a role sees, and in which group, is menuModel.ts's. */
const ICONS: Record<string, ReactNode> = {
  "my-leads": <MyLeadsIcon />,
  leads: <PeopleIcon />,
  pipeline: <PipelineIcon />,
  opportunities: <DealIcon />,
  accounts: <AccountIcon />,
  contacts: <ContactIcon />,
  tasks: <TaskIcon />,
  bookings: <BookingIcon />,
  unit_inventory: <InventoryIcon />,
  partners: <HandshakeIcon />,
  web_forms: <WebFormIcon />,
  lead_sources: <SourceIcon />,
  campaigns: <CampaignIcon />,
  imports: <ImportIcon />,
  inbound_events: <InboxIcon />,
  scoring: <ScoringIcon />,
  assignment: <AssignmentIcon />,
  conversion_rules: <ConversionIcon />,
  sequences: <SequenceIcon />,
  enrollments: <EnrollmentIcon />,
  suppressions: <SuppressionIcon />,
  nurture_settings: <NurtureSettingsIcon />,
  dedup_settings: <DedupSettingsIcon />,
  users: <BadgeIcon />,
  teams: <GroupsIcon />,
  pipeline_stages: <StageIcon />,
  custom_field_definitions: <CustomFieldIcon />,
  audit_log: <AuditIcon />,
  queues: <QueueIcon />,
  tenants: <DomainIcon />,
};

export function Menu() {
  const { permissions } = usePermissions<Permissions>();
  const groups = menuFor(permissions);
  return (
    <RaMenu>
      <RaMenu.Item to="/" primaryText="Dashboard" leftIcon={<DashboardIcon />} />
      {groups.map((g) =>
        g.key === "reports" ? (
          <ReportsMenuGroup key={g.key} />
        ) : (
          <MenuGroup key={g.key} id={g.key} title={g.title}>
            {g.entries.map((e) => (
              <Entry key={e.key} entry={e} />
            ))}
          </MenuGroup>
        ),
      )}
    </RaMenu>
  );
}

function Entry({ entry: e }: { entry: MenuEntry }) {
  if (e.key === "alerts") return <AlertsMenuItem />;
  if (e.key === "duplicate_reviews") return <DuplicatesMenuItem />;
  if (e.key === "mail_catcher") return <MailCatcherMenuItem />;
  return <RaMenu.Item to={e.to} primaryText={e.label} leftIcon={ICONS[e.key]} data-testid={`menu-${e.testId}`} />;
}

/** A sub-header that folds its items away; open by default (so every page is one click away), remembered per browser. */
function MenuGroup({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const [open, setOpen] = useStore(`menu.group.${id}.open`, true);
  const [sidebarOpen] = useSidebarState();
  return (
    <>
      <ListItemButton
        onClick={() => setOpen(!open)}
        data-testid={`menu-group-${id}`}
        aria-expanded={open}
        sx={{ py: 0.25, mt: 1, color: "text.secondary" }}
      >
        {sidebarOpen && (
          <ListItemText
            primary={title}
            slotProps={{ primary: { variant: "overline", sx: { fontWeight: 600, letterSpacing: 1, lineHeight: 2 } } }}
          />
        )}
        {open ? <ExpandLess fontSize="small" /> : <ExpandMore fontSize="small" />}
      </ListItemButton>
      <Collapse in={open} timeout="auto">
        {children}
      </Collapse>
    </>
  );
}
