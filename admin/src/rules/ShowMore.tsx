import Button from "@mui/material/Button";

/** Under a long dry-run table: how many rows are left, and a button to show the next page of them. */
export function ShowMore({ shown, total, step, onMore }: { shown: number; total: number; step: number; onMore: () => void }) {
  if (total <= shown) return null;
  return (
    <Button size="small" onClick={onMore} sx={{ mt: 1 }} className="show-more">
      Show {Math.min(step, total - shown)} more of {total - shown}
    </Button>
  );
}
