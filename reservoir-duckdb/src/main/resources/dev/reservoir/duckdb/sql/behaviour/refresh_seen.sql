-- refresh_seen: the sessions of the touched people that are not fresh (refresh.sql), from all of
-- their stored events; run only when there are such people. Then the refresh's work tables go.
INSERT INTO behaviour_sessions {seen_sessions}
