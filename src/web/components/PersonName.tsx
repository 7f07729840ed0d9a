import { Link } from 'react-router';

/**
 * A person's name exactly as registered: never converted to 繁體 by the script switch (范 is a surname, 範 is
 * not), and rare characters (𡒄 𪚥) rendered by the CJK font.
 */
export function PersonName({ name, id, strong }: { name: string; id?: number; strong?: boolean }) {
  const text = (
    <span data-script-skip="" className="sy-person-name" style={strong ? { fontWeight: 600 } : undefined}>
      {name}
    </span>
  );
  return id === undefined ? text : <Link to={`/registry/persons/${id}`}>{text}</Link>;
}

/** A table cell with a person's name as registered. */
export const personNameCell = (name: string) => <PersonName name={name} />;
