-- As `prisma migrate` writes it for SQLite: quoted PascalCase tables, DATETIME, DECIMAL, BOOLEAN.
CREATE TABLE "Artist" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE "Album" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "price" DECIMAL NOT NULL DEFAULT 0,
    "explicit" BOOLEAN NOT NULL DEFAULT false,
    "artistId" INTEGER NOT NULL,
    CONSTRAINT "Album_artistId_fkey" FOREIGN KEY ("artistId") REFERENCES "Artist" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Album_title_artistId_key" ON "Album"("title", "artistId");
INSERT INTO "Artist" ("id", "name") VALUES (1, 'Nina'), (2, 'Miles');
INSERT INTO "Album" ("id", "title", "price", "explicit", "artistId") VALUES (1, 'Pastel Blues', 9.99, 0, 1), (2, 'Kind of Blue', 12.5, 0, 2), (3, 'Silk', 7, 1, 1);
