/** What a control that saves on change says afterwards: "Saved" (or a longer note) as a status, or the error as an alert. */
export function SaveOutcome({ save, savedText = "Saved" }: { save: { isSuccess: boolean; error: { message: string } | null }; savedText?: string }) {
  if (save.error) {
    return (
      <span role="alert" className="text-xs text-danger">
        {save.error.message}
      </span>
    );
  }
  return save.isSuccess ? (
    <span role="status" className="text-xs text-success">
      {savedText}
    </span>
  ) : null;
}
