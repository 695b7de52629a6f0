-- As Rails (ActiveRecord) writes it: plural snake tables, varchar, datetime(6), boolean.
CREATE TABLE "categories" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE TABLE "products" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar, "price" decimal(10,2), "in_stock" boolean DEFAULT 1 NOT NULL, "category_id" integer NOT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, CONSTRAINT "fk_rails_fb915499a4" FOREIGN KEY ("category_id") REFERENCES "categories" ("id"));
CREATE INDEX "index_products_on_category_id" ON "products" ("category_id");
INSERT INTO categories VALUES (1, 'tea', '2024-01-01 00:00:00.000000', '2024-01-01 00:00:00.000000');
INSERT INTO products VALUES (1, 'green', 4.5, 1, 1, '2024-01-01 00:00:00.000000', '2024-01-01 00:00:00.000000'), (2, 'black', 3.25, 0, 1, '2024-01-01 00:00:00.000000', '2024-01-01 00:00:00.000000');
