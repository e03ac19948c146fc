/** The Borgerbooking data model: the test helpers insert valid rows, the database rejects impossible states. */
import { createCitizen, testPrisma } from '../helpers/db';
import { opretFrist, opretIndkaldelse, opretMoedetilbud } from './helpers';

const morgen = () => new Date(Date.now() + 86_400_000);

describe('Borgerbooking data model', () => {
  it('inserts an offer with slots, caseworkers, a deadline and a summons', async () => {
    const { cpr } = await createCitizen();
    const t = await opretMoedetilbud({ moedetider: [{ start: morgen(), pladser: 2 }, { start: new Date(morgen().getTime() + 3_600_000), sagsbehandlere: [0] }] });
    expect(t.moedetidIder).toHaveLength(2);
    await opretFrist(cpr, { fristdato: '2099-01-01', sidsteAfholdelsesdato: '2099-01-10' });
    await opretIndkaldelse(cpr, { start: morgen(), sagsbehandlerId: t.sagsbehandlere[0].id });
    expect(await testPrisma().moedetidSagsbehandler.count({ where: { moedetilbudId: t.moedetilbudId } })).toBe(3);
  });

  it('rejects more taken seats than seats, a caseworker not of the offer, and two active meetings of one type', async () => {
    const { cpr } = await createCitizen();
    const t = await opretMoedetilbud({ moedetider: [{ start: morgen(), pladser: 1 }] });
    const p = testPrisma();
    await expect(p.$executeRaw`UPDATE moedetid SET "optagnePladser" = 2 WHERE id = ${t.moedetidIder[0]}::uuid`).rejects.toThrow(/moedetid_pladser_check/);
    const anden = await opretMoedetilbud();
    await expect(
      p.moedetidSagsbehandler.create({ data: { moedetidId: t.moedetidIder[0], moedetilbudId: t.moedetilbudId, sagsbehandlerId: anden.sagsbehandlere[0].id } }),
    ).rejects.toThrow();
    await opretIndkaldelse(cpr, { start: morgen(), sagsbehandlerId: t.sagsbehandlere[0].id });
    await expect(opretIndkaldelse(cpr, { start: morgen(), sagsbehandlerId: t.sagsbehandlere[0].id })).rejects.toThrow(/indkaldelse_en_aktiv_pr_samtaletype|Unique/i);
  });
});
