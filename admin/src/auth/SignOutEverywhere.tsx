import { forwardRef, useState } from "react";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import MenuItem from "@mui/material/MenuItem";
import DevicesIcon from "@mui/icons-material/DevicesOtherOutlined";
import { useLogout, useNotify, useUserMenu } from "react-admin";
import { endSessions } from "./authProvider.ts";
import { clearSession } from "./session.ts";

/**
 * User menu item: ends every session of the signed-in user (other browsers, a lost laptop), then this
 * one. If the API did not confirm, the user stays signed in and is told so: signing out here alone
 * would let them believe the others ended.
 */
export const SignOutEverywhere = forwardRef<HTMLLIElement>(function SignOutEverywhere(props, ref) {
  const logout = useLogout();
  const notify = useNotify();
  const userMenu = useUserMenu();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    const ended = await endSessions("/api/auth/logout-all");
    setBusy(false);
    userMenu?.onClose();
    if (!ended) {
      notify("Could not sign out your other sessions; please try again", { type: "error" });
      return;
    }
    // The token is already ended on the server: nothing left for logout() to end.
    clearSession();
    await logout();
  };
  return (
    <MenuItem ref={ref} {...props} onClick={onClick} disabled={busy} data-testid="sign-out-everywhere">
      <ListItemIcon>
        <DevicesIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Sign out everywhere</ListItemText>
    </MenuItem>
  );
});
