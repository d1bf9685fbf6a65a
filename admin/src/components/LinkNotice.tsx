import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import { Link } from "react-router-dom";

/**
 * A notification with a way to the record it is about ("Merge undone — open the split lead").
 * react-admin renders a non-string notification as is, so this brings its own snackbar look.
 */
export function LinkNotice({
  message,
  to,
  linkText,
  severity = "success",
}: {
  message: string;
  to: string;
  linkText: string;
  severity?: "success" | "info";
}) {
  return (
    <Alert
      severity={severity}
      variant="filled"
      className="link-notice"
      sx={{ minWidth: 320, alignItems: "center" }}
      action={
        <Button component={Link} to={to} color="inherit" size="small" sx={{ fontWeight: 700 }}>
          {linkText}
        </Button>
      }
    >
      {message}
    </Alert>
  );
}
