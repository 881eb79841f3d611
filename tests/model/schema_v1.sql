-- The schema exactly as Lotsen created it at SCHEMA_VERSION 1 (before case_.if_worse_plan).
-- Frozen: the upgrade tests build a version-1 file from it. Do not edit.
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
	created_at DATETIME NOT NULL, 
	last_activity DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_case__personnummer ON case_ (personnummer);
CREATE INDEX ix_case__last_activity ON case_ (last_activity);
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
CREATE INDEX ix_participant_case_id ON participant (case_id);
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
	PRIMARY KEY (id), 
	FOREIGN KEY(case_id) REFERENCES case_ (id) ON DELETE CASCADE, 
	FOREIGN KEY(previous_meeting_id) REFERENCES meeting (id) ON DELETE SET NULL
);
CREATE INDEX ix_meeting_case_id ON meeting (case_id);
CREATE INDEX ix_meeting_previous_meeting_id ON meeting (previous_meeting_id);
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
CREATE INDEX ix_refusal_decision_case_id ON refusal_decision (case_id);
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
CREATE INDEX ix_consent_meeting_id ON consent (meeting_id);
CREATE INDEX ix_consent_case_id ON consent (case_id);
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
CREATE INDEX ix_invitation_meeting_id ON invitation (meeting_id);
CREATE INDEX ix_invitation_participant_id ON invitation (participant_id);
CREATE TABLE attendance (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	status VARCHAR NOT NULL, 
	reason VARCHAR NOT NULL, 
	walk_in BOOLEAN NOT NULL, 
	signed BOOLEAN NOT NULL, 
	received_copy BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (meeting_id, participant_id), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE
);
CREATE INDEX ix_attendance_participant_id ON attendance (participant_id);
CREATE INDEX ix_attendance_meeting_id ON attendance (meeting_id);
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
CREATE INDEX ix_step_note_meeting_id ON step_note (meeting_id);
CREATE TABLE account (
	id INTEGER NOT NULL, 
	meeting_id INTEGER NOT NULL, 
	participant_id INTEGER NOT NULL, 
	assessments VARCHAR NOT NULL, 
	interventions VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (meeting_id, participant_id), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE CASCADE
);
CREATE INDEX ix_account_meeting_id ON account (meeting_id);
CREATE INDEX ix_account_participant_id ON account (participant_id);
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
CREATE INDEX ix_goal_meeting_id ON goal (meeting_id);
CREATE INDEX ix_goal_carried_from_id ON goal (carried_from_id);
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
	position INTEGER NOT NULL, 
	carried_from_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(meeting_id) REFERENCES meeting (id) ON DELETE CASCADE, 
	FOREIGN KEY(carried_from_id) REFERENCES action (id) ON DELETE SET NULL
);
CREATE INDEX ix_action_carried_from_id ON action (carried_from_id);
CREATE INDEX ix_action_meeting_id ON action (meeting_id);
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
CREATE INDEX ix_deviation_case_id ON deviation (case_id);
CREATE INDEX ix_deviation_action_id ON deviation (action_id);
