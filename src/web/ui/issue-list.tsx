/** Server messages that have no field on the form, one per line. */
export function IssueList({ messages }: { messages: string[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}
