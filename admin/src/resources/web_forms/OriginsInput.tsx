import { useState } from "react";
import Autocomplete from "@mui/material/Autocomplete";
import Chip from "@mui/material/Chip";
import TextField from "@mui/material/TextField";
import { useInput } from "react-admin";
import { normalizeOrigin } from "./formModel.ts";

/**
 * The sites allowed to post the form from their own pages, as chips: typing a page address keeps
 * only its origin; anything that is not an http(s) origin (or "*") is refused with a message.
 */
export function OriginsInput() {
  const { field } = useInput<string[]>({ source: "allowed_origins" });
  const [rejected, setRejected] = useState<string | null>(null);
  const value: string[] = Array.isArray(field.value) ? field.value : [];
  return (
    <Autocomplete<string, true, false, true>
      multiple
      freeSolo
      options={[]}
      value={value}
      onChange={(_, next) => {
        const bad = next.find((o) => normalizeOrigin(o) === null);
        setRejected(bad ?? null);
        const cleaned = next.map((o) => normalizeOrigin(o)).filter((o): o is string => o !== null);
        field.onChange([...new Set(cleaned)]);
      }}
      renderValue={(items, getItemProps) =>
        items.map((origin, index) => {
          const { key, ...rest } = getItemProps({ index });
          return <Chip key={key} size="small" label={origin} {...rest} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Allowed origins"
          placeholder={value.length ? "" : "https://www.example.com"}
          error={rejected !== null}
          helperText={
            rejected !== null
              ? `"${rejected}" is not a site address (https://www.example.com) or *`
              : "Press Enter after each. Empty: any site may post the form; the hosted page always may."
          }
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "aria-label": "Allowed origins" } }}
        />
      )}
    />
  );
}
