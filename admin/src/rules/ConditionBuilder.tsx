import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import AddIcon from "@mui/icons-material/AddOutlined";
import GroupIcon from "@mui/icons-material/AccountTreeOutlined";
import RemoveIcon from "@mui/icons-material/DeleteOutlineOutlined";
import {
  type ConditionField,
  type Group,
  type Join,
  type Path,
  addCheck,
  addGroup,
  childrenOf,
  isCheck,
  joinOf,
  pathKey,
  removeAt,
  setCheck,
  setJoin,
} from "./conditionModel.ts";
import { ConditionCheckRow } from "./ConditionCheckRow.tsx";

/** Deeper than this, a rule is easier to read as two rules. */
const MAX_DEPTH = 3;

/**
 * Edits a condition: a group of checks joined by "all" or "any", with nested groups. `errors` is keyed
 * by node path (`conditionErrors`).
 */
export function ConditionBuilder({
  value,
  onChange,
  errors = {},
  disabled,
  extraFields,
}: {
  value: Group;
  onChange: (next: Group) => void;
  errors?: Record<string, string>;
  disabled?: boolean;
  /** Offered after the lead's fields (a sequence branch's engagement checks). */
  extraFields?: readonly ConditionField[];
}) {
  return (
    <GroupEditor root={value} group={value} path={[]} onChange={onChange} errors={errors} disabled={disabled} extraFields={extraFields} />
  );
}

function GroupEditor({
  root,
  group,
  path,
  onChange,
  errors,
  disabled,
  extraFields,
}: {
  root: Group;
  group: Group;
  path: Path;
  onChange: (next: Group) => void;
  errors: Record<string, string>;
  disabled?: boolean;
  extraFields?: readonly ConditionField[];
}) {
  const kids = childrenOf(group);
  const join = joinOf(group);
  const nested = path.length > 0;
  const key = pathKey(path);
  return (
    <Box
      data-testid={`cond-group-${key}`}
      className="cond-group"
      sx={
        nested
          ? {
              borderLeft: 3,
              borderColor: join === "all" ? "primary.light" : "secondary.light",
              pl: 1.5,
              py: 1,
              bgcolor: "#f8fafc",
              borderRadius: 1,
            }
          : undefined
      }
    >
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1, flexWrap: "wrap" }}>
        <Typography variant="body2" color="text.secondary">
          {nested ? "Match" : "A lead matches when it meets"}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={join}
          onChange={(_, next: Join | null) => next && onChange(setJoin(root, path, next))}
          disabled={disabled}
          aria-label="Join checks with"
        >
          <ToggleButton value="all" className="cond-join-all" sx={{ py: 0.25, px: 1 }}>
            all
          </ToggleButton>
          <ToggleButton value="any" className="cond-join-any" sx={{ py: 0.25, px: 1 }}>
            any
          </ToggleButton>
        </ToggleButtonGroup>
        <Typography variant="body2" color="text.secondary">
          of these
        </Typography>
        {nested && (
          <Tooltip title="Remove this group">
            <span>
              <IconButton
                size="small"
                onClick={() => onChange(removeAt(root, path))}
                disabled={disabled}
                aria-label="Remove this group"
                sx={{ ml: "auto" }}
              >
                <RemoveIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
        )}
      </Box>
      {!kids.length && (
        <Typography variant="body2" color={nested ? "error" : "text.secondary"} sx={{ mb: 1, fontStyle: "italic" }}>
          {nested
            ? errors[key]
            : join === "all"
              ? "No checks yet: the rule applies to every lead."
              : "No checks yet: the rule applies to no lead."}
        </Typography>
      )}
      <Box sx={{ display: "flex", flexDirection: "column", gap: 1 }}>
        {kids.map((child, i) => {
          const childPath = [...path, i];
          return isCheck(child) ? (
            <ConditionCheckRow
              key={i}
              testId={`cond-check-${pathKey(childPath)}`}
              check={child}
              error={errors[pathKey(childPath)]}
              disabled={disabled}
              extraFields={extraFields}
              onChange={(next) => onChange(setCheck(root, childPath, next))}
              onRemove={() => onChange(removeAt(root, childPath))}
            />
          ) : (
            <GroupEditor
              key={i}
              root={root}
              group={child}
              path={childPath}
              onChange={onChange}
              errors={errors}
              disabled={disabled}
              extraFields={extraFields}
            />
          );
        })}
      </Box>
      <Box sx={{ display: "flex", gap: 1, mt: 1 }}>
        <Button
          size="small"
          startIcon={<AddIcon />}
          onClick={() => onChange(addCheck(root, path))}
          disabled={disabled}
          className="cond-add-check"
        >
          Check
        </Button>
        {path.length < MAX_DEPTH && (
          <Button
            size="small"
            startIcon={<GroupIcon />}
            onClick={() => onChange(addGroup(root, path))}
            disabled={disabled}
            className="cond-add-group"
          >
            Group
          </Button>
        )}
      </Box>
    </Box>
  );
}
