-- refresh_fresh: the sessions of the touched people that are fresh (refresh.sql), from the
-- import's own events; {fresh_sessions} keeps only those people's events, or all of them when
-- every touched person is fresh (a first load: then no filter is needed).
INSERT INTO behaviour_sessions {fresh_sessions}
