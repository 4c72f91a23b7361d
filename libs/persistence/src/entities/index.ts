/** Every TypeORM entity of the system; the data source and migrations are built from this list. */
export const ENTITIES: Function[] = [];
