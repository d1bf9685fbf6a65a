import { Admin, CustomRoutes, Resource } from "react-admin";
import { Route } from "react-router-dom";
import { authProvider } from "./auth/authProvider.ts";
import type { Permissions } from "./auth/sessionModel.ts";
import { dataProvider } from "./data/dataProvider.ts";
import { Dashboard } from "./dashboard/Dashboard.tsx";
import { i18nProvider } from "./layout/i18n.ts";
import { Layout } from "./layout/Layout.tsx";
import { LoginPage } from "./layout/LoginPage.tsx";
import { theme } from "./layout/theme.ts";
import { QueuesPage } from "./queues/QueuesPage.tsx";
import { DedupSettingsPage } from "./dedup/DedupSettingsPage.tsx";
import { ScoringPage } from "./scoring/ScoringPage.tsx";
import { AssignmentPage } from "./assignment/AssignmentPage.tsx";
import { MyLeads } from "./resources/leads/MyLeads.tsx";
import leads from "./resources/leads/index.ts";
import inboundEvents from "./resources/inbound_events/index.ts";
import users from "./resources/users/index.ts";
import teams from "./resources/teams/index.ts";
import partners from "./resources/partners/index.ts";
import tenants from "./resources/tenants/index.ts";
import forms from "./resources/web_forms/index.ts";
import alerts from "./resources/alerts/index.ts";
import auditLog from "./resources/audit_log/index.ts";
import duplicateReviews from "./resources/duplicate_reviews/index.ts";
import imports from "./resources/imports/index.ts";
import { PipelinePage } from "./pipeline/PipelinePage.tsx";
import { LeadBoardPage } from "./pipeline/LeadBoardPage.tsx";
import accounts from "./resources/accounts/index.ts";
import contacts from "./resources/contacts/index.ts";
import opportunities from "./resources/opportunities/index.ts";
import tasks from "./resources/tasks/index.ts";
import pipelineStages from "./resources/pipeline_stages/index.ts";
import conversionRules from "./resources/conversion_rules/index.ts";
import customFields from "./resources/custom_field_definitions/index.ts";
import { enrollments, sequences, suppressions } from "./nurture/index.ts";
import { NurtureSettingsPage } from "./nurture/NurtureSettingsPage.tsx";
import { MailCatcherPage } from "./nurture/MailCatcherPage.tsx";
import { bookings, campaigns, engagements, leadSources, unitInventory } from "./journey/index.ts";
import { journeyRoutes } from "./journey/JourneyRoutes.tsx";

export function App() {
  return (
    <Admin
      title="leadhub"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
      theme={theme}
      disableTelemetry
    >
      {(permissions: Permissions | undefined) => (
        <>
          <Resource name="leads" {...leads} />
          <Resource name="inbound_events" options={{ label: "Inbound events" }} {...inboundEvents} />
          <Resource name="users" {...users} />
          <Resource name="teams" {...teams} />
          <Resource name="partners" {...partners} />
          <Resource name="web_forms" options={{ label: "Web forms" }} {...forms} />
          <Resource name="alerts" {...alerts} />
          <Resource name="audit_log" options={{ label: "Audit log" }} {...auditLog} />
          <Resource name="duplicate_reviews" options={{ label: "Duplicates" }} {...duplicateReviews} />
          <Resource name="imports" {...imports} />
          <Resource name="import_templates" />
          <Resource name="activities" />
          <Resource name="scoring_rules" />
          <Resource name="assignment_rules" />
          <Resource name="rule_versions" />
          <Resource name="rescore_runs" />
          <Resource name="opportunities" options={{ label: "Deals" }} {...opportunities} />
          <Resource name="accounts" {...accounts} />
          <Resource name="contacts" {...contacts} />
          <Resource name="tasks" {...tasks} />
          <Resource name="pipeline_stages" options={{ label: "Pipeline stages" }} {...pipelineStages} />
          <Resource name="conversion_rules" options={{ label: "Conversion rules" }} {...conversionRules} />
          <Resource name="custom_field_definitions" options={{ label: "Custom fields" }} {...customFields} />
          <Resource name="sequences" {...sequences} />
          <Resource name="enrollments" options={{ label: "Enrolments" }} {...enrollments} />
          <Resource name="email_messages" />
          <Resource name="suppressions" {...suppressions} />
          <Resource name="bookings" {...bookings} />
          <Resource name="unit_inventory" options={{ label: "Inventory" }} {...unitInventory} />
          <Resource name="campaigns" {...campaigns} />
          <Resource name="lead_sources" options={{ label: "Lead sources" }} {...leadSources} />
          <Resource name="engagements" {...engagements} />
          <Resource name="milestones" />
          <Resource name="ledger_entries" />
          {permissions?.isPlatformAdmin && <Resource name="tenants" {...tenants} />}
          <CustomRoutes>
            <Route path="/queues" element={<QueuesPage />} />
            <Route path="/dedup/settings" element={<DedupSettingsPage />} />
            <Route path="/my-leads" element={<MyLeads />} />
            <Route path="/scoring" element={<ScoringPage />} />
            <Route path="/assignment" element={<AssignmentPage />} />
            <Route path="/pipeline" element={<PipelinePage />} />
            <Route path="/lead-board" element={<LeadBoardPage />} />
            <Route path="/nurture/settings" element={<NurtureSettingsPage />} />
            <Route path="/mail-catcher" element={<MailCatcherPage />} />
            {journeyRoutes}
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}
