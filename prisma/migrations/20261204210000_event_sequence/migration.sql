-- Every event published on the meridian_events channel takes its id from this sequence, so ids are
-- global across replicas and a browser reconnecting to another replica can resume after the last
-- id it saw (Last-Event-ID). Not a column default: Prisma's schema does not model it.
CREATE SEQUENCE "meridian_event_seq" AS BIGINT;
