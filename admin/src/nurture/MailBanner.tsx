import Alert from "@mui/material/Alert";
import type { SxProps, Theme } from "@mui/material/styles";
import { useQuery } from "@tanstack/react-query";
import { usePermissions } from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../auth/sessionModel.ts";
import { API_URL } from "../data/dataProvider.ts";
import { httpClient } from "../data/httpClient.ts";
import { type MailStatus, mailBannerText } from "./mailModel.ts";

/** Whether mail can go out and how many drip emails wait for it; refreshed every minute. */
export function useMailStatus() {
  return useQuery({
    queryKey: ["nurture", "mail-status"],
    queryFn: async () => (await httpClient(`${API_URL}/nurture/mail/status`)).json as MailStatus,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** Said where people look at drip mail (sequences, enrolments, nurture settings): mail cannot go out, and how much waits. */
export function MailBanner({ sx }: { sx?: SxProps<Theme> }) {
  const { data } = useMailStatus();
  const { permissions } = usePermissions<Permissions>();
  const text = mailBannerText(data);
  if (!text) return null;
  return (
    <Alert severity="warning" sx={[{ mb: 2 }, ...(Array.isArray(sx) ? sx : [sx])]} data-testid="mail-banner">
      <strong>{text}.</strong> Drip emails are held and retried every five minutes until outbound mail is configured (<code>SMTP_URL</code>
      {permissions?.role === "admin" ? ", set where leadhub runs" : ": ask an admin"}). Nothing is lost; they go out once it is set.{" "}
      <Link to="/nurture/settings">Nurture settings</Link>
    </Alert>
  );
}
