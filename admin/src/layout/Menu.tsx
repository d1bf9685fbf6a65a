import { Menu as RaMenu, usePermissions } from "react-admin";
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
import Divider from "@mui/material/Divider";
import type { Permissions } from "../auth/sessionModel.ts";
import { canImport } from "../resources/imports/importModel.ts";
import { AlertsMenuItem } from "./AlertsMenuItem.tsx";
import { DuplicatesMenuItem } from "./DuplicatesMenuItem.tsx";
import { MailCatcherMenuItem } from "../nurture/MailCatcherPage.tsx";
import { JourneyMenuItems, ReportsMenuGroup } from "../journey/JourneyMenu.tsx";

export function Menu() {
  const { permissions } = usePermissions<Permissions>();
  // Capture set-up (forms, source alerts) is marketing's work as much as the managers'.
  const canCapture = ["admin", "manager", "marketer"].includes(permissions?.role ?? "");
  return (
    <RaMenu>
      <RaMenu.Item to="/" primaryText="Dashboard" leftIcon={<DashboardIcon />} />
      <RaMenu.Item to="/my-leads" primaryText="My leads" leftIcon={<MyLeadsIcon />} data-testid="menu-my-leads" />
      <RaMenu.Item to="/leads" primaryText="Leads" leftIcon={<PeopleIcon />} />
      <RaMenu.Item to="/pipeline" primaryText="Pipeline" leftIcon={<PipelineIcon />} data-testid="menu-pipeline" />
      <RaMenu.Item to="/opportunities" primaryText="Deals" leftIcon={<DealIcon />} />
      <RaMenu.Item to="/accounts" primaryText="Accounts" leftIcon={<AccountIcon />} />
      <RaMenu.Item to="/contacts" primaryText="Contacts" leftIcon={<ContactIcon />} />
      <RaMenu.Item to="/tasks" primaryText="Tasks" leftIcon={<TaskIcon />} data-testid="menu-tasks" />
      <JourneyMenuItems />
      <ReportsMenuGroup />
      {/* Same roles as the API lets read reviews: reps work leads, they do not decide duplicates. */}
      {canCapture && <DuplicatesMenuItem />}
      {canImport(permissions?.role) && (
        <RaMenu.Item to="/imports" primaryText="Imports" leftIcon={<ImportIcon />} data-testid="menu-imports" />
      )}
      <RaMenu.Item to="/inbound_events" primaryText="Inbound events" leftIcon={<InboxIcon />} />
      {/* Queues are the installation's, shared by its tenants: their depths are the platform admin's to see. */}
      {permissions?.isPlatformAdmin && <RaMenu.Item to="/queues" primaryText="Queues" leftIcon={<QueueIcon />} />}
      {canCapture && [
        <RaMenu.Item key="forms" to="/web_forms" primaryText="Web forms" leftIcon={<WebFormIcon />} />,
        <AlertsMenuItem key="alerts" />,
        // Marketers read the scoring rules and dry-run them; only admins and managers publish.
        <RaMenu.Item key="scoring" to="/scoring" primaryText="Scoring" leftIcon={<ScoringIcon />} data-testid="menu-scoring" />,
        // Drip sequences are marketing's as much as sales'.
        <RaMenu.Item key="sequences" to="/sequences" primaryText="Sequences" leftIcon={<SequenceIcon />} data-testid="menu-sequences" />,
        <RaMenu.Item
          key="enrollments"
          to="/enrollments"
          primaryText="Enrolments"
          leftIcon={<EnrollmentIcon />}
          data-testid="menu-enrollments"
        />,
        <RaMenu.Item
          key="suppressions"
          to="/suppressions"
          primaryText="Suppressions"
          leftIcon={<SuppressionIcon />}
          data-testid="menu-suppressions"
        />,
      ]}
      {/* Reps and marketers work leads; set-up pages are for the people who run the team (the API enforces it too). */}
      {permissions?.canManageUsers && [
        <Divider key="divider" sx={{ my: 1 }} />,
        <RaMenu.Item key="users" to="/users" primaryText="Users" leftIcon={<BadgeIcon />} />,
        <RaMenu.Item key="teams" to="/teams" primaryText="Teams" leftIcon={<GroupsIcon />} />,
        <RaMenu.Item
          key="assignment"
          to="/assignment"
          primaryText="Assignment"
          leftIcon={<AssignmentIcon />}
          data-testid="menu-assignment"
        />,
        <RaMenu.Item key="conversion" to="/conversion_rules" primaryText="Conversion rules" leftIcon={<ConversionIcon />} />,
        <RaMenu.Item key="partners" to="/partners" primaryText="Partners" leftIcon={<HandshakeIcon />} />,
        // Stages are the tenant's sales process: the API lets only admins change them; managers read them here.
        <RaMenu.Item key="stages" to="/pipeline_stages" primaryText="Pipeline stages" leftIcon={<StageIcon />} />,
        // Like stages: admins define custom fields, managers read them.
        <RaMenu.Item
          key="custom-fields"
          to="/custom_field_definitions"
          primaryText="Custom fields"
          leftIcon={<CustomFieldIcon />}
          data-testid="menu-custom-fields"
        />,
        <RaMenu.Item key="dedup" to="/dedup/settings" primaryText="Duplicate settings" leftIcon={<DedupSettingsIcon />} />,
        <RaMenu.Item
          key="nurture"
          to="/nurture/settings"
          primaryText="Nurture settings"
          leftIcon={<NurtureSettingsIcon />}
          data-testid="menu-nurture-settings"
        />,
        <RaMenu.Item key="audit" to="/audit_log" primaryText="Audit log" leftIcon={<AuditIcon />} data-testid="menu-audit-log" />,
      ]}
      {/* Only while `npm start` runs the local mail catcher (the item asks the server). */}
      {permissions?.role === "admin" && <MailCatcherMenuItem />}
      {permissions?.isPlatformAdmin && <RaMenu.Item to="/tenants" primaryText="Tenants" leftIcon={<DomainIcon />} />}
    </RaMenu>
  );
}
