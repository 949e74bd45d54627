-- One database per service, created on the first start of the Postgres volume.
CREATE DATABASE queue;
CREATE DATABASE dossier;
CREATE DATABASE survey;
CREATE DATABASE rating;
CREATE DATABASE notify;
