/** A unit as a picker lists it: 番号（代称） when the viewer may see the designation, else the name alone. */
export const unitText = (u: { name: string; designation: string | null }) =>
  u.designation ? `${u.designation}（${u.name}）` : u.name;
