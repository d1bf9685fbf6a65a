import Alert from "@mui/material/Alert";
import { tenantDate } from "../components/TenantDateField.tsx";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import List from "@mui/material/List";
import ListItemButton from "@mui/material/ListItemButton";
import ListItemText from "@mui/material/ListItemText";
import Skeleton from "@mui/material/Skeleton";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import Typography from "@mui/material/Typography";
import MailCatcherIcon from "@mui/icons-material/MoveToInboxOutlined";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Menu as RaMenu, Title, useAuthenticated } from "react-admin";
import { API_URL } from "../data/dataProvider.ts";
import { httpClient } from "../data/httpClient.ts";
import { useMailStatus } from "./MailBanner.tsx";
import type { CaughtMail } from "./mailModel.ts";

const when = (iso: string) => tenantDate(iso, { time: true });

/** The menu entry: shown only while `npm start` runs the local mail catcher (the menu model shows it to admins only). */
export function MailCatcherMenuItem() {
  const { data } = useMailStatus();
  if (data?.state !== "catcher") return null;
  return <RaMenu.Item to="/mail-catcher" primaryText="Mail catcher" leftIcon={<MailCatcherIcon />} data-testid="menu-mail-catcher" />;
}

/** What leadhub would have sent, kept by the local catcher: newest first, with a text or HTML preview of the one picked. */
export function MailCatcherPage() {
  useAuthenticated();
  const { data, error, isPending } = useQuery({
    queryKey: ["nurture", "caught-mail"],
    queryFn: async () => (await httpClient(`${API_URL}/nurture/mail/caught`)).json as CaughtMail[],
    refetchInterval: 5_000,
    retry: false,
  });
  const [picked, setPicked] = useState<string | null>(null);
  const [view, setView] = useState<"html" | "text">("html");
  const message = data?.find((m) => m.id === picked) ?? data?.[0];

  return (
    <Box sx={{ py: 2 }} data-testid="mail-catcher">
      <Title title="Mail catcher" />
      <Typography variant="h5" component="h1">
        Mail catcher
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        No SMTP_URL is set, so outbound mail stays on this machine and shows here (the last 200 messages, until a restart). Set SMTP_URL to
        send it, or MAIL_CATCHER=0 to turn this off.
      </Typography>
      {error ? (
        <Alert severity="info">{(error as Error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={240} />
      ) : !data?.length ? (
        <Alert severity="info" data-testid="mail-catcher-empty">
          Nothing caught yet: mail from a sequence, a notification or an alert shows here as soon as it is sent.
        </Alert>
      ) : (
        <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "minmax(260px, 1fr) 2fr" }, gap: 2, alignItems: "start" }}>
          <Card variant="outlined">
            <List dense disablePadding data-testid="caught-list">
              {data.map((m) => (
                <ListItemButton key={m.id} selected={m.id === message?.id} onClick={() => setPicked(m.id)} className="caught-mail">
                  <ListItemText
                    primary={m.subject || "(no subject)"}
                    secondary={`${m.to} · ${when(m.received_at)}`}
                    slotProps={{ primary: { noWrap: true }, secondary: { noWrap: true } }}
                  />
                </ListItemButton>
              ))}
            </List>
          </Card>
          {message && (
            <Card variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid="caught-preview">
              <Typography variant="subtitle1" sx={{ fontWeight: 600, wordBreak: "break-word" }}>
                {message.subject || "(no subject)"}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ wordBreak: "break-word" }}>
                From {message.from} to {message.to} · {when(message.received_at)}
              </Typography>
              <Tabs value={message.html ? view : "text"} onChange={(_e, v) => setView(v)} sx={{ mt: 1 }}>
                <Tab label="HTML" value="html" disabled={!message.html} />
                <Tab label="Text" value="text" />
              </Tabs>
              {message.html && view === "html" ? (
                // A sandbox with no permissions: the mail's HTML runs no script and reaches nothing of the console.
                <Box
                  component="iframe"
                  title="HTML preview"
                  sandbox=""
                  srcDoc={message.html}
                  sx={{ width: "100%", height: 420, border: 1, borderColor: "divider", borderRadius: 1, mt: 1, bgcolor: "#fff" }}
                />
              ) : (
                <Box component="pre" sx={{ whiteSpace: "pre-wrap", wordBreak: "break-word", fontFamily: "monospace", fontSize: 13, mt: 1 }}>
                  {message.text}
                </Box>
              )}
            </Card>
          )}
        </Box>
      )}
    </Box>
  );
}
