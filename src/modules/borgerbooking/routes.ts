import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

/**
 * Borgerbooking (BorgerBooking / JobnetCitizenStatusService v10): the citizen's booking operations
 * under /v1/Borgerbooking. The planning side (/v1/Borgerbooking/Planlaegning) is planner-routes.ts.
 */
export default async function borgerbookingRoutes(fastify: FastifyInstance) {
  fastify.withTypeProvider<TypeBoxTypeProvider>();
}
