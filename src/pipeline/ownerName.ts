/** The name of the class a method is declared on (the class itself for a static method). */
export function ownerName(owner: object): string {
  return typeof owner === 'function' ? owner.name : owner.constructor.name;
}
