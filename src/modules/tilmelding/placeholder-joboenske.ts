// Placeholder until kodeliste's joboensker.ts is merged.
import { Type } from '@sinclair/typebox';
export const JoboenskeSchema = Type.Object({ conceptUriDa: Type.String({ maxLength: 255 }) }, { additionalProperties: false });
