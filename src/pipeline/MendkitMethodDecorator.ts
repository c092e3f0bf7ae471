/** The shape of every mendkit method decorator. */
export type MendkitMethodDecorator = (
  target: object,
  property: string | symbol,
  descriptor: PropertyDescriptor,
) => void;
