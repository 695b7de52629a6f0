-- Hand-written legacy schema: bracketed identifiers, NVARCHAR, a composite key, WITHOUT ROWID, a view.
CREATE TABLE [Employee] ([EmployeeId] INTEGER NOT NULL PRIMARY KEY, [LastName] NVARCHAR(20) NOT NULL, [Salary] NUMERIC(10,2), [HireDate] DATETIME);
CREATE TABLE [Project] ([ProjectId] INTEGER NOT NULL PRIMARY KEY, [Title] NVARCHAR(120) NOT NULL);
CREATE TABLE [Assignment] ([EmployeeId] INTEGER NOT NULL, [ProjectId] INTEGER NOT NULL, [Hours] DOUBLE NOT NULL DEFAULT 0,
  CONSTRAINT [PK_Assignment] PRIMARY KEY ([EmployeeId], [ProjectId]),
  FOREIGN KEY ([EmployeeId]) REFERENCES [Employee] ([EmployeeId]),
  FOREIGN KEY ([ProjectId]) REFERENCES [Project] ([ProjectId])) WITHOUT ROWID;
CREATE VIEW [EmployeeHours] AS SELECT e.[LastName], SUM(a.[Hours]) AS [Hours] FROM [Employee] e JOIN [Assignment] a USING ([EmployeeId]) GROUP BY e.[EmployeeId];
INSERT INTO [Employee] VALUES (1, 'Adams', 1000.50, '2020-01-01 00:00:00'), (2, 'Baker', 2000, '2021-06-01 00:00:00');
INSERT INTO [Project] VALUES (1, 'Apollo'), (2, 'Gemini');
INSERT INTO [Assignment] VALUES (1, 1, 10), (1, 2, 5.5), (2, 1, 8);
