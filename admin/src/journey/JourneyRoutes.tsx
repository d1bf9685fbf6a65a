import { Route } from "react-router-dom";
import { LedgerStatementPage } from "./LedgerStatementPage.tsx";
import {
  BookingsReportPage,
  CampaignReportPage,
  EngagementReportPage,
  FunnelReportPage,
  SourceReportPage,
} from "./reports/ReportPages.tsx";

/** The journey's pages that are not resources: an account's statement and the reports. */
export const journeyRoutes = [
  <Route key="ledger" path="/accounts/:id/ledger" element={<LedgerStatementPage />} />,
  <Route key="funnel" path="/reports/funnel" element={<FunnelReportPage />} />,
  <Route key="sources" path="/reports/sources" element={<SourceReportPage />} />,
  <Route key="campaigns" path="/reports/campaigns" element={<CampaignReportPage />} />,
  <Route key="bookings" path="/reports/bookings" element={<BookingsReportPage />} />,
  <Route key="engagement" path="/reports/engagement" element={<EngagementReportPage />} />,
];
