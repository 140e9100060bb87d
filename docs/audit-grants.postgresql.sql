-- Append-only audit log on PostgreSQL (docs/audit.md). Run once as the schema's owner, the user the migrations run
-- as (spring.flyway.user), after the first start; corridor_app is the gateway's own user (spring.datasource.username).
-- The gateway may read and write its tables as before, but may only add to the audit log: no UPDATE, DELETE or
-- TRUNCATE of audit_log. It keeps UPDATE on audit_head, the one-row head it moves with each append.
GRANT USAGE ON SCHEMA public TO corridor_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO corridor_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO corridor_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM corridor_app;
-- tables of later migrations: the same rights, and audit_log keeps its restriction (it is never re-created)
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO corridor_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO corridor_app;
