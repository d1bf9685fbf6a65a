import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import TextField from "@mui/material/TextField";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import { usePeople } from "../assignment/usePeople.ts";

/** "Everyone", "Mine", or one person's cards: what a rep and a manager each look at on a board. */
export function OwnerFilter({
  value,
  me,
  onChange,
}: {
  value: string | null;
  me: string | undefined;
  onChange: (owner: string | null) => void;
}) {
  const { users } = usePeople();
  const other = value && value !== me ? (users.find((u) => u.id === value) ?? null) : null;
  return (
    <Box sx={{ display: "flex", gap: 1.5, alignItems: "center", flexWrap: "wrap" }}>
      <ToggleButtonGroup size="small" exclusive value={value === null ? "all" : value === me ? "mine" : "other"} aria-label="Owner">
        <ToggleButton value="all" onClick={() => onChange(null)} className="board-owner-all">
          Everyone
        </ToggleButton>
        <ToggleButton value="mine" onClick={() => me && onChange(me)} className="board-owner-mine">
          Mine
        </ToggleButton>
      </ToggleButtonGroup>
      <Autocomplete
        size="small"
        sx={{ width: 220 }}
        options={users}
        value={other}
        getOptionLabel={(u) => u.name}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        onChange={(_, u) => onChange(u?.id ?? null)}
        renderInput={(params) => <TextField {...params} label="Owner" name="board_owner" />}
      />
    </Box>
  );
}
