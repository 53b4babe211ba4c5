/**
 * What an access-log entry says happened, in the beheerder's words: the log
 * stores the procedure that made the access ("toestel.dossier", "sync.pull"),
 * the screen and the export say "Dossier geopend op telefoon". A procedure
 * without its own words gets the kind of access and the part of the app
 * ("Dossier ingezien (verwijsbalie)"); the raw name never reaches a person.
 */

/** Procedures with words of their own (also older names still in the log). */
const PROCEDURES: Record<string, string> = {
  'toestel.dossier': 'Dossier geopend op telefoon',
  'sync.pull': 'Gesynchroniseerd naar telefoon',
  'sync.push': 'Wijzigingen van telefoon ontvangen',
  'sync.reads': 'Leeslog van telefoon ontvangen',
  'sync.logContact': 'Contact vastgelegd op telefoon',
  'sync.startKoers': 'Koers gestart op telefoon',
  'sync.editKoers': 'Koers bewerkt op telefoon',
  'sync.setKoersStatus': 'Status van de koers gewijzigd op telefoon',
  'sync.resolveKoersConflict': 'Koers samengevoegd op telefoon',
  'sync.requestHelp': 'Hulp aangevraagd op telefoon',
  'sync.chooseAlternative': 'Andere aanbieder gekozen op telefoon',
  'sync.addAttachment': 'Bijlage toegevoegd op telefoon',
  'attachments.finish': 'Bijlage ontvangen van telefoon',
  'attachments.view': 'Bijlage bekeken',
  'attachments.download': 'Bijlage gedownload',
  'attachments.listForCase': 'Bijlagen van het dossier getoond',
  'cases.list': 'In een caseload getoond',
  'cases.file': 'Dossier geopend op kantoor',
  'accessLog.searchCases': 'Gevonden bij zoeken in het toegangslog',
  'accessLog.forCase': 'Toegangslog van dit dossier bekeken',
  'accessLog.entries': 'Toegangslog bekeken',
  'accessLog.exportCsv': 'Toegangslog geëxporteerd',
  'accessLog.verifyChain': 'Toegangslog op echtheid gecontroleerd',
  'audit.verify': 'Toegangslog op echtheid gecontroleerd',
  'audit.retention': 'Oude regels van het toegangslog opgeruimd',
  'waitingList.list': 'Op de wachtlijst getoond',
  'waitingList.place': 'Op de wachtlijst geplaatst',
  'waitingList.update': 'Wachtlijstgegevens gewijzigd',
  'waitingList.move': 'Op de wachtlijst verplaatst',
  'waitingList.assign': 'Vanaf de wachtlijst toegewezen',
  'waitingList.standIn': 'Waarneming',
  'waitingList.startStandIn': 'Waarneming gestart',
  'waitingList.endStandIn': 'Waarneming beëindigd',
  'intake.list': 'In de instroom getoond',
  'intake.assign': 'Toegewezen bij instroom',
  'intake.import': 'Ingelezen bij instroom',
  'intake.register': 'Ingeschreven bij instroom',
  'normsDashboard.board': 'Op het normendashboard getoond',
  'normsDashboard.exportCsv': 'Geëxporteerd vanaf het normendashboard',
  'team.balance': 'In de teambalans getoond',
  'team.moveCases': 'Naar een andere jeugdbeschermer verplaatst',
  'team.reassign': 'Overgedragen aan een andere jeugdbeschermer',
  'team.setComplexDivorce': 'Complexe scheiding aangegeven',
  'team.exportBalanceCsv': 'Geëxporteerd vanaf de teambalans',
  'waitingList.exportCsv': 'Geëxporteerd vanaf de wachtlijst',
  'measures.extend': 'Maatregel verlengd',
  'measures.end': 'Maatregel beëindigd',
  'measures.convert': 'Maatregel omgezet',
  'verwijzingen.queue': 'In de verwijsbalie getoond',
  'verwijzingen.get': 'Hulpaanvraag geopend',
  'verwijzingen.step': 'Stap in de verwijzing vastgelegd',
  'verwijzingen.followUp': 'Vervolg van de verwijzing vastgelegd',
  'verwijzingen.offerAlternative': 'Andere aanbieder voorgesteld',
  'verwijzingen.setBridging': 'Overbruggende hulp vastgelegd',
  'verwijzingen.helpReport': 'In een rapportage van de verwijsbalie getoond',
  'verwijzingen.exportCsv': 'Geëxporteerd vanaf de verwijsbalie',
  'devices.register': 'Toestel aangemeld',
  'devices.share': 'Toestel vroeg zijn sleuteldeel op',
  'devices.revoke': 'Toestel ingetrokken',
  'devices.disableUser': 'Gebruiker uitgeschakeld',
  'devices.surrender': 'Werk van een uitgeschakeld toestel ingeleverd',
  'devices.status': 'Toestel vroeg zijn status op',
  'devices.confirmWiped': 'Toestel meldde dat het gewist is',
  'session.lock': 'App vergrendeld',
  'session.unlock': 'App ontgrendeld',
  'session.unlockChallenge': 'Ontgrendelen gestart',
  'session.setUnlockKey': 'Pincode ingesteld',
  'auth.login': 'Ingelogd',
  'auth.logout': 'Uitgelogd',
  'auth.stepUp': 'Opnieuw bevestigd wie het is',
  'documents.koersCopy': 'Kopie van de koers voor het gezin gemaakt',
  'documents.extensionRequest': 'Verzoek tot verlenging als concept gemaakt',
  'documents.extensionRequests': 'Verzoeken tot verlenging samen gemaakt',
  'documents.extensionStatus': 'Stand van het verzoek tot verlenging bekeken',
  'documents.approveExtension': 'Verzoek tot verlenging goedgekeurd als tweede lezer',
  'documents.handoverLetter': 'Brief over de nieuwe jeugdbeschermer gemaakt',
};

/** The kind of access, for a procedure without words of its own. */
const ACTIONS: Record<string, string> = {
  read: 'Dossier ingezien',
  create: 'Gegevens vastgelegd',
  update: 'Gegevens gewijzigd',
  delete: 'Gegevens verwijderd',
  search: 'Gevonden bij zoeken',
  export: 'Geëxporteerd',
  print: 'Afgedrukt',
  list: 'In een lijst getoond',
};

/** The part of the app a procedure belongs to (the part before its dot). */
const AREAS: Record<string, string> = {
  sync: 'op telefoon',
  toestel: 'op telefoon',
  cases: 'dossiers op kantoor',
  accessLog: 'toegangslog',
  audit: 'toegangslog',
  waitingList: 'wachtlijst',
  intake: 'instroom',
  normsDashboard: 'normendashboard',
  team: 'teambeheer',
  measures: 'maatregel',
  verwijzingen: 'verwijsbalie',
  kaart: 'sociale kaart',
  devices: 'toestellen',
  session: 'vergrendeling',
  auth: 'inloggen',
  documents: 'documenten',
};

/** "Dossier geopend op telefoon": what an entry of the log says happened. */
export function describeAccess(procedure: string, action: string): string {
  const own = PROCEDURES[procedure];
  if (own) return own;
  const kind = ACTIONS[action] ?? 'Toegang';
  const area = AREAS[procedure.split('.')[0] ?? ''];
  return area ? `${kind} (${area})` : kind;
}

/** Whether a procedure has words of its own (the tests hold every procedure the server logs to it). */
export const hasOwnWords = (procedure: string) => procedure in PROCEDURES;
