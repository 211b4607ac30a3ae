-- Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d), as the
-- POSTGRES_USER (rapport), who owns the databases. One database per service.
CREATE DATABASE profiles;
CREATE DATABASE booking;
CREATE DATABASE billing;
