-- Built-in roles are data the application depends on (every new user gets "user"),
-- so they ship with the schema rather than with the optional seed.
INSERT INTO "roles" ("name", "description", "built_in")
VALUES ('admin', 'Manages users and roles', true),
       ('user', 'Every registered user', true)
ON CONFLICT ("name") DO UPDATE SET "built_in" = true;
