-- As Django's sqlite backend writes it: app_model tables, varchar(n), bool, datetime, decimal.
CREATE TABLE "shop_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(254) NOT NULL UNIQUE, "is_active" bool NOT NULL, "joined" datetime NOT NULL);
CREATE TABLE "shop_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "total" decimal NOT NULL, "placed_on" date NOT NULL, "customer_id" bigint NOT NULL REFERENCES "shop_customer" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "shop_order_customer_id_a1b2c3d4" ON "shop_order" ("customer_id");
INSERT INTO shop_customer VALUES (1, 'a@b.co', 1, '2024-01-02 10:00:00'), (2, 'c@d.co', 0, '2024-02-03 11:00:00');
INSERT INTO shop_order VALUES (1, 10.5, '2024-03-01', 1), (2, 20.25, '2024-03-02', 1), (3, 3, '2024-03-03', 2);
