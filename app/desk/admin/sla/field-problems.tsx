/** Every problem with one part of a form (a calendar's week can have several), beside it. */
export function FieldProblems({ id, problems }: { id: string; problems: string[] }) {
  if (problems.length === 0) return null;
  if (problems.length === 1) {
    return (
      <p id={id} className="text-xs font-medium text-danger">
        {problems[0]}
      </p>
    );
  }
  return (
    <ul id={id} className="list-disc space-y-0.5 ps-5 text-xs font-medium text-danger">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}
