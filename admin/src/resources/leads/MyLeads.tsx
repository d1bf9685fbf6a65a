import LinearProgress from "@mui/material/LinearProgress";
import useMediaQuery from "@mui/material/useMediaQuery";
import type { Theme } from "@mui/material/styles";
import { List, useGetIdentity } from "react-admin";
import { LeadDatagrid, LeadSimpleList } from "./LeadList.tsx";
import { leadFilters } from "./LeadFilters.tsx";
import { MY_LEADS_DEFAULTS } from "./leadModel.ts";

// The owner is fixed to the signed-in user here; every other lead filter still applies.
const filters = leadFilters.filter((f) => f.key !== "owner");

/** The signed-in user's open leads, most urgent first: what a rep works through each morning. */
export function MyLeads() {
  const { identity, isPending } = useGetIdentity();
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  if (isPending || !identity) return <LinearProgress sx={{ mt: 2 }} aria-label="Loading" />;
  return (
    <List
      resource="leads"
      title="My leads"
      filter={{ owner_id: identity.id }}
      filters={filters}
      filterDefaultValues={MY_LEADS_DEFAULTS.filter}
      sort={MY_LEADS_DEFAULTS.sort}
      perPage={25}
      // Its own remembered sort and filters, apart from the full lead list's.
      storeKey="my-leads.open"
      debounce={300}
      empty={false}
    >
      {isSmall ? <LeadSimpleList /> : <LeadDatagrid showOwner={false} />}
    </List>
  );
}
