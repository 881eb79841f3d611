-- A Lotsen database of schema version 3 with the demo case, as written by the
-- version before schema 4 (sqlite3 iterdump). Used to test the v3 -> v4 migration.
PRAGMA application_id=1280267347;
PRAGMA user_version=3;
BEGIN TRANSACTION;
CREATE TABLE account (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	assessments VARCHAR NOT NULL, 
	interventions VARCHAR NOT NULL, 
	written BOOLEAN DEFAULT '0' NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (meeting_id, participant_id), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE
);
INSERT INTO "account" VALUES(1,1,5,'Förhandsbedömning gjord; ingen utredning inledd.','Erbjuder föräldrastöd (ABC) under våren.',0);
INSERT INTO "account" VALUES(2,1,6,'Bedömningssamtal: oro och sömnsvårigheter.','Erbjuder KBT-samtal, fem tillfällen.',0);
INSERT INTO "account" VALUES(3,1,4,'Frånvaro 46 % sedan oktober.','Anpassat schema kan ordnas.',0);
CREATE TABLE action (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	what VARCHAR NOT NULL, 
	need VARCHAR NOT NULL, 
	responsible_org VARCHAR NOT NULL, 
	responsible_person VARCHAR NOT NULL, 
	scope VARCHAR NOT NULL, 
	how VARCHAR NOT NULL, 
	start VARCHAR NOT NULL, 
	frequency VARCHAR NOT NULL, 
	follow_up_on DATE, 
	status VARCHAR NOT NULL, 
	result VARCHAR NOT NULL, 
	principal VARCHAR DEFAULT '' NOT NULL, 
	follow_up_how VARCHAR DEFAULT '' NOT NULL, 
	position INTEGER NOT NULL, 
	carried_from_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(carried_from_id) REFERENCES action (id) ON DELETE SET NULL
);
INSERT INTO "action" VALUES(1,1,'Anpassat schema, halva dagar','Komma tillbaka till skolan','Björkskolan','Ahmed Hassan, mentor','Förmiddagar','Schema i samråd med Elsa','Vecka 1','Dagligen','2026-03-05','ongoing','','kommun','Mentorn räknar närvaron varje vecka; vid lotsmötet',1,NULL);
INSERT INTO "action" VALUES(2,1,'KBT-samtal','Minska oro och sömnsvårigheter','BUP','Per Öberg','5 samtal','Samtal på BUP','Inom två veckor','Varannan vecka','2026-03-05','ongoing','','region','Per Öberg berättar vid lotsmötet',2,NULL);
INSERT INTO "action" VALUES(3,1,'Föräldrastöd','Stöd till föräldrarna i morgonrutinen','Socialtjänsten','Lena Åkesson','8 träffar','Gruppträffar (ABC)','Februari','Varje vecka','2026-03-05','planned','','kommun','Lena Åkesson ringer föräldrarna efter fyra träffar',3,NULL);
INSERT INTO "action" VALUES(4,1,'Lugn morgonrutin hemma','Elsa kommer i tid och utvilad','Familjen','Maria och Jonas Nyström','Vardagar','Samma tider varje kväll och morgon','Genast','Dagligen','2026-03-05','ongoing','','annan','Föräldrarna berättar vid lotsmötet',4,NULL);
INSERT INTO "action" VALUES(5,2,'Anpassat schema, halva dagar','Komma tillbaka till skolan','Björkskolan','Ahmed Hassan, mentor','Förmiddagar','Schema i samråd med Elsa','Vecka 1','Dagligen','2026-03-05','ongoing','','kommun','Mentorn räknar närvaron varje vecka; vid lotsmötet',1,1);
INSERT INTO "action" VALUES(6,2,'KBT-samtal','Minska oro och sömnsvårigheter','BUP','Per Öberg','5 samtal','Samtal på BUP','Inom två veckor','Varannan vecka','2026-03-05','ongoing','','region','Per Öberg berättar vid lotsmötet',2,2);
INSERT INTO "action" VALUES(7,2,'Föräldrastöd','Stöd till föräldrarna i morgonrutinen','Socialtjänsten','Lena Åkesson','8 träffar','Gruppträffar (ABC)','Februari','Varje vecka','2026-03-05','planned','','kommun','Lena Åkesson ringer föräldrarna efter fyra träffar',3,3);
INSERT INTO "action" VALUES(8,2,'Lugn morgonrutin hemma','Elsa kommer i tid och utvilad','Familjen','Maria och Jonas Nyström','Vardagar','Samma tider varje kväll och morgon','Genast','Dagligen','2026-03-05','ongoing','','annan','Föräldrarna berättar vid lotsmötet',4,4);
INSERT INTO "action" VALUES(9,3,'Anpassat schema, halva dagar','Komma tillbaka till skolan','Björkskolan','Ahmed Hassan, mentor','Förmiddagar','Schema i samråd med Elsa','Vecka 1','Dagligen','2026-03-05','ongoing','','kommun','Mentorn räknar närvaron varje vecka; vid lotsmötet',1,5);
INSERT INTO "action" VALUES(10,3,'KBT-samtal','Minska oro och sömnsvårigheter','BUP','Per Öberg','5 samtal','Samtal på BUP','Inom två veckor','Varannan vecka','2026-03-05','ongoing','','region','Per Öberg berättar vid lotsmötet',2,6);
INSERT INTO "action" VALUES(11,3,'Föräldrastöd','Stöd till föräldrarna i morgonrutinen','Socialtjänsten','Lena Åkesson','8 träffar','Gruppträffar (ABC)','Februari','Varje vecka','2026-03-05','planned','','kommun','Lena Åkesson ringer föräldrarna efter fyra träffar',3,7);
INSERT INTO "action" VALUES(12,3,'Lugn morgonrutin hemma','Elsa kommer i tid och utvilad','Familjen','Maria och Jonas Nyström','Vardagar','Samma tider varje kväll och morgon','Genast','Dagligen','2026-03-05','ongoing','','annan','Föräldrarna berättar vid lotsmötet',4,8);
CREATE TABLE attendance (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	status VARCHAR NOT NULL, 
	reason VARCHAR NOT NULL, 
	walk_in BOOLEAN NOT NULL, 
	signed BOOLEAN NOT NULL, 
	received_copy BOOLEAN NOT NULL, 
	signs BOOLEAN, 
	PRIMARY KEY (id), 
	UNIQUE (meeting_id, participant_id), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE
);
INSERT INTO "attendance" VALUES(1,1,1,'present','',0,1,1,NULL);
INSERT INTO "attendance" VALUES(2,1,2,'excused','Arbetsresa',0,0,0,NULL);
INSERT INTO "attendance" VALUES(3,1,3,'present','',0,1,1,NULL);
INSERT INTO "attendance" VALUES(4,1,4,'present','',0,1,1,NULL);
INSERT INTO "attendance" VALUES(5,1,5,'present','',0,1,1,NULL);
INSERT INTO "attendance" VALUES(6,1,6,'present','',0,1,1,NULL);
INSERT INTO "attendance" VALUES(7,1,7,'present','',0,1,1,NULL);
CREATE TABLE case_ (
	id INTEGER NOT NULL, 
	child_name VARCHAR NOT NULL, 
	personnummer VARCHAR, 
	school VARCHAR NOT NULL, 
	school_class VARCHAR NOT NULL, 
	interpreter_needed BOOLEAN NOT NULL, 
	interpreter_language VARCHAR NOT NULL, 
	routine_id VARCHAR NOT NULL, 
	status VARCHAR NOT NULL, 
	closed_on DATE, 
	closing_reason VARCHAR NOT NULL, 
	family_told_if_worse BOOLEAN NOT NULL, 
	if_worse_plan VARCHAR DEFAULT '' NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_activity DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "case_" VALUES(1,'Elsa Nyström','201503122382','Björkskolan','5B',0,'','forsta_natverksmote','open',NULL,'',0,'','2026-12-04 18:55:07.000000','2026-12-04 18:55:09.000000');
CREATE TABLE consent (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	given_by VARCHAR NOT NULL, 
	given_on DATE NOT NULL, 
	form VARCHAR NOT NULL, 
	agencies VARCHAR NOT NULL, 
	information_kinds VARCHAR NOT NULL, 
	exclusions VARCHAR NOT NULL, 
	valid_until DATE, 
	revoked_on DATE, 
	meeting_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES case_ (id) ON DELETE CASCADE, 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE SET NULL
);
INSERT INTO "consent" VALUES(1,1,'Maria Nyström och Jonas Nyström','2026-01-05','skriftligt','Björkskolan
Elevhälsan
Socialtjänsten
BUP','Uppgifter om skolsituation, hälsa och pågående insatser','Fritidsgården ska inte få uppgifter. Uppgifter om föräldrarnas ekonomi.','2027-01-19',NULL,NULL);
INSERT INTO "consent" VALUES(2,1,'Maria Nyström','2026-01-19','muntligt','Familjens nätverk','Det som sägs på mötet','','2027-01-19',NULL,1);
CREATE TABLE deviation (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	action_id INTEGER, 
	action_text VARCHAR NOT NULL, 
	what_went_wrong VARCHAR NOT NULL, 
	reported_to VARCHAR NOT NULL, 
	reported_by VARCHAR NOT NULL, 
	reported_on DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES case_ (id) ON DELETE CASCADE, 
	FOREIGN KEY(action_id) REFERENCES action (id) ON DELETE SET NULL
);
INSERT INTO "deviation" VALUES(1,1,2,'KBT-samtal','Det första KBT-samtalet ställdes in två gånger.','Verksamhetschefen på BUP','Maria Nyström','2026-02-20');
CREATE TABLE goal (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	progress VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	carried_from_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(carried_from_id) REFERENCES goal (id) ON DELETE SET NULL
);
INSERT INTO "goal" VALUES(1,1,'long','Elsa går i skolan hela dagar och trivs.','',1,NULL);
INSERT INTO "goal" VALUES(2,1,'short','Elsa är i skolan varje förmiddag i fyra veckor.','',2,NULL);
INSERT INTO "goal" VALUES(3,1,'child','Jag vill kunna vara med på rasterna igen.','',3,NULL);
INSERT INTO "goal" VALUES(4,2,'long','Elsa går i skolan hela dagar och trivs.','',1,1);
INSERT INTO "goal" VALUES(5,2,'short','Elsa är i skolan varje förmiddag i fyra veckor.','',2,2);
INSERT INTO "goal" VALUES(6,2,'child','Jag vill kunna vara med på rasterna igen.','',3,3);
INSERT INTO "goal" VALUES(7,3,'long','Elsa går i skolan hela dagar och trivs.','',1,4);
INSERT INTO "goal" VALUES(8,3,'short','Elsa är i skolan varje förmiddag i fyra veckor.','',2,5);
INSERT INTO "goal" VALUES(9,3,'child','Jag vill kunna vara med på rasterna igen.','',3,6);
CREATE TABLE invitation (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	next BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (meeting_id, participant_id, next), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE
);
INSERT INTO "invitation" VALUES(1,1,1,0);
INSERT INTO "invitation" VALUES(2,1,2,0);
INSERT INTO "invitation" VALUES(3,1,3,0);
INSERT INTO "invitation" VALUES(4,1,4,0);
INSERT INTO "invitation" VALUES(5,1,5,0);
INSERT INTO "invitation" VALUES(6,1,6,0);
INSERT INTO "invitation" VALUES(7,1,7,0);
INSERT INTO "invitation" VALUES(8,1,1,1);
INSERT INTO "invitation" VALUES(9,1,2,1);
INSERT INTO "invitation" VALUES(10,1,3,1);
INSERT INTO "invitation" VALUES(11,1,4,1);
INSERT INTO "invitation" VALUES(12,1,6,1);
INSERT INTO "invitation" VALUES(13,1,7,1);
INSERT INTO "invitation" VALUES(14,2,1,0);
INSERT INTO "invitation" VALUES(15,2,2,0);
INSERT INTO "invitation" VALUES(16,2,3,0);
INSERT INTO "invitation" VALUES(17,2,4,0);
INSERT INTO "invitation" VALUES(18,2,6,0);
INSERT INTO "invitation" VALUES(19,2,7,0);
INSERT INTO "invitation" VALUES(20,3,1,0);
INSERT INTO "invitation" VALUES(21,3,2,0);
INSERT INTO "invitation" VALUES(22,3,3,0);
INSERT INTO "invitation" VALUES(23,3,4,0);
INSERT INTO "invitation" VALUES(24,3,6,0);
INSERT INTO "invitation" VALUES(25,3,7,0);
CREATE TABLE meeting (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	routine_id VARCHAR NOT NULL, 
	planned_date DATE, 
	planned_time VARCHAR NOT NULL, 
	place VARCHAR NOT NULL, 
	question VARCHAR NOT NULL, 
	agreed_on DATE, 
	started_at DATETIME, 
	ended_at DATETIME, 
	current_step VARCHAR NOT NULL, 
	leader VARCHAR NOT NULL, 
	note_taker VARCHAR NOT NULL, 
	convener VARCHAR NOT NULL, 
	previous_meeting_id INTEGER, 
	confidentiality_covered BOOLEAN NOT NULL, 
	child_present BOOLEAN, 
	child_absence_reason VARCHAR NOT NULL, 
	child_signed BOOLEAN NOT NULL, 
	family_story_child VARCHAR NOT NULL, 
	family_story_guardians VARCHAR NOT NULL, 
	family_contribution VARCHAR NOT NULL, 
	child_contribution VARCHAR NOT NULL, 
	child_view VARCHAR NOT NULL, 
	guardians_view VARCHAR NOT NULL, 
	lead_organisation VARCHAR NOT NULL, 
	coordinator VARCHAR NOT NULL, 
	contact_person VARCHAR NOT NULL, 
	childs_voice VARCHAR NOT NULL, 
	next_date DATE, 
	next_time VARCHAR NOT NULL, 
	next_place VARCHAR NOT NULL, 
	next_convener VARCHAR NOT NULL, 
	updated_at DATETIME NOT NULL, 
	held_on DATE, 
	cancelled_on DATE, 
	cancel_reason VARCHAR DEFAULT '' NOT NULL, 
	moved_from DATE, 
	move_reason VARCHAR DEFAULT '' NOT NULL, 
	revised_at DATETIME, 
	lead_principal VARCHAR DEFAULT '' NOT NULL, 
	coordinator_phone VARCHAR DEFAULT '' NOT NULL, 
	coordinator_email VARCHAR DEFAULT '' NOT NULL, 
	step_times VARCHAR DEFAULT '' NOT NULL, 
	step_started_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES case_ (id) ON DELETE CASCADE, 
	FOREIGN KEY(previous_meeting_id) REFERENCES meeting (id) ON DELETE SET NULL
);
INSERT INTO "meeting" VALUES(1,1,'forsta_natverksmote','2026-01-19','14.00','Björkskolan, konferensrummet','Hur kan vi tillsammans hjälpa Elsa att komma tillbaka till skolan?','2026-01-10','2026-12-04 18:55:07.000000','2026-12-04 18:55:08.000000','presentation','Karin Ek','Sara Lind','Karin Ek',NULL,1,1,'',0,'Jag tycker det är jobbigt på rasterna. Jag vill vara med Alva igen.','Elsa har varit hemma mycket sedan höstlovet, ont i magen på morgnarna.
Hon sover dåligt och är orolig inför skoldagen.','Föräldrarna följer Elsa till skolan på morgnarna.','Elsa säger till mentor när det känns jobbigt.','Elsa vill börja med halva dagar och ha en lugn plats på rasterna.','Föräldrarna är positiva till planen och vill ha veckovis kontakt.','Björkskolan','Sara Lind, skolkurator','','','2026-03-05','14.00','Björkskolan, konferensrummet','Karin Ek','2026-12-04 18:55:08.000000',NULL,NULL,'',NULL,'',NULL,'kommun','0920-45 60 20','sara.lind@example.se','{"presentation": 1}','2026-12-04 18:55:07.000000');
INSERT INTO "meeting" VALUES(2,1,'uppfoljande_lotsmote','2026-03-05','14.00','Björkskolan, konferensrummet','Hur har det gått med det anpassade schemat och samtalen?','2026-01-19',NULL,NULL,'','Karin Ek','Sara Lind','Karin Ek',1,0,NULL,'',0,'','','Föräldrarna följer Elsa till skolan på morgnarna.','Elsa säger till mentor när det känns jobbigt.','','','Björkskolan','Sara Lind, skolkurator','','',NULL,'','','','2026-12-04 18:55:09.000000',NULL,NULL,'','2026-03-03','Mentorn är på utbildning.',NULL,'kommun','0920-45 60 20','sara.lind@example.se','',NULL);
INSERT INTO "meeting" VALUES(3,1,'uppfoljande_lotsmote','2026-03-04','10.00','Björkskolan','Extra möte om idrottslektionerna',NULL,NULL,NULL,'','Karin Ek','','',2,0,NULL,'',0,'','','Föräldrarna följer Elsa till skolan på morgnarna.','Elsa säger till mentor när det känns jobbigt.','','','Björkskolan','Sara Lind, skolkurator','','',NULL,'','','','2026-12-04 18:55:09.000000',NULL,'2026-12-04','Frågan löses vid uppföljningen i stället.',NULL,'',NULL,'kommun','0920-45 60 20','sara.lind@example.se','',NULL);
CREATE TABLE participant (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	organisation VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	principal VARCHAR NOT NULL, 
	phone VARCHAR NOT NULL, 
	email VARCHAR NOT NULL, 
	address VARCHAR NOT NULL, 
	removed_on DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES case_ (id) ON DELETE CASCADE
);
INSERT INTO "participant" VALUES(1,1,'guardian','Maria Nyström','','','','070-123 45 67','maria.nystrom@example.se','',NULL);
INSERT INTO "participant" VALUES(2,1,'guardian','Jonas Nyström','','','','070-765 43 21','','',NULL);
INSERT INTO "participant" VALUES(3,1,'professional','Karin Ek','Björkskolan','Rektor','skola','0920-45 60 01','karin.ek@example.se','',NULL);
INSERT INTO "participant" VALUES(4,1,'professional','Ahmed Hassan','Björkskolan','Mentor','skola','0920-45 60 12','','',NULL);
INSERT INTO "participant" VALUES(5,1,'professional','Lena Åkesson','Socialtjänsten','Socialsekreterare','kommun','0920-45 30 00','lena.akesson@example.se','',NULL);
INSERT INTO "participant" VALUES(6,1,'professional','Per Öberg','BUP','Psykolog','region','0920-28 20 00','','',NULL);
INSERT INTO "participant" VALUES(7,1,'professional','Sara Lind','Elevhälsan','Skolkurator','skola','0920-45 60 20','sara.lind@example.se','',NULL);
INSERT INTO "participant" VALUES(8,1,'professional','Eva Holm','Fritidsgården','Fritidsledare','kommun','','','',NULL);
CREATE TABLE refusal_decision (
	id INTEGER NOT NULL, 
	case_id INTEGER NOT NULL, 
	agency VARCHAR NOT NULL, 
	decision VARCHAR NOT NULL, 
	reasons VARCHAR NOT NULL, 
	decided_on DATE, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES case_ (id) ON DELETE CASCADE
);
INSERT INTO "refusal_decision" VALUES(1,1,'Habiliteringen','Avstår från insats','Elsa har ingen diagnos som ger rätt till habilitering; BUP har ansvaret för samtalen.','2026-01-24');
CREATE TABLE step_note (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	step_id VARCHAR NOT NULL, 
	field VARCHAR NOT NULL, 
	text VARCHAR NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (meeting_id, step_id, field), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE
);
INSERT INTO "step_note" VALUES(1,1,'fragestund','notes','Frågor om hur schemat kan anpassas inför idrotten.','2026-12-04 18:55:08.000000');
CREATE INDEX ix_case__personnummer ON case_ (personnummer);
CREATE INDEX ix_case__last_activity ON case_ (last_activity);
CREATE INDEX ix_participant_case_id ON participant (case_id);
CREATE INDEX ix_meeting_previous_meeting_id ON meeting (previous_meeting_id);
CREATE INDEX ix_meeting_case_id ON meeting (case_id);
CREATE INDEX ix_refusal_decision_case_id ON refusal_decision (case_id);
CREATE INDEX ix_consent_meeting_id ON consent (meeting_id);
CREATE INDEX ix_consent_case_id ON consent (case_id);
CREATE INDEX ix_invitation_participant_id ON invitation (participant_id);
CREATE INDEX ix_invitation_meeting_id ON invitation (meeting_id);
CREATE INDEX ix_attendance_participant_id ON attendance (participant_id);
CREATE INDEX ix_attendance_meeting_id ON attendance (meeting_id);
CREATE INDEX ix_step_note_meeting_id ON step_note (meeting_id);
CREATE INDEX ix_account_meeting_id ON account (meeting_id);
CREATE INDEX ix_account_participant_id ON account (participant_id);
CREATE INDEX ix_goal_meeting_id ON goal (meeting_id);
CREATE INDEX ix_goal_carried_from_id ON goal (carried_from_id);
CREATE INDEX ix_action_carried_from_id ON action (carried_from_id);
CREATE INDEX ix_action_meeting_id ON action (meeting_id);
CREATE INDEX ix_deviation_case_id ON deviation (case_id);
CREATE INDEX ix_deviation_action_id ON deviation (action_id);
COMMIT;
