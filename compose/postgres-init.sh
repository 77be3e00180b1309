#!/bin/sh
# Runs once, on an empty data directory: for each Postgres-backed service, a login role
# and a database it owns, as on RDS. Each service creates its own schema by migrating.
set -eu
for db in $TRIBUTARY_DATABASES; do
  password=$(printenv "$(echo "$db" | tr a-z A-Z)_DB_PASSWORD")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v db="$db" -v password="$password" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"db";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
