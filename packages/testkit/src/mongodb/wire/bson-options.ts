import type { DeserializeOptions } from 'bson';

/**
 * How the server reads BSON from clients: every value keeps its exact BSON type
 * (Int32 vs Double vs Long vs Decimal128, BSON regex with its original options),
 * so documents come back to the driver byte-for-byte in the types they went in.
 */
export const TYPED_BSON: DeserializeOptions = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
};
