#include "migrate/introspect.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "engine/connection.hpp"
#include "litestone/migrate.hpp"
#include "migrate/sql_text.hpp"

namespace litestone::migrate {

namespace {

std::string identFor(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "t_" + out;
  return out;
}

std::string pascal(const std::string& s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    up = false;
  }
  return out;
}

std::string unquoteTok(const std::string& t) {
  if (t.size() >= 2 && (t[0] == '"' || t[0] == '\'')) {
    std::string out;
    for (size_t i = 1; i + 1 < t.size(); ++i) {
      out += t[i];
      if (t[i] == t[0] && t[i + 1] == t[0]) ++i;
    }
    return out;
  }
  return t;
}

std::string schemaString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

struct CheckInfo {
  bool boolean = false;
  bool json = false;
  std::vector<std::string> values;  // enum values
};

// The CHECK shapes ddl writes on a column: IN (0, 1), IN ('a', ...), json_valid(col).
CheckInfo readCheck(const Column& c) {
  CheckInfo info;
  auto toks = tokenize(c.definition);
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    std::string up = toks[i];
    for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (up == "JSON_VALID") info.json = true;
    if (up != "IN" || toks[i + 1] != "(") continue;
    std::vector<std::string> items;
    for (size_t j = i + 2; j < toks.size() && toks[j] != ")"; ++j)
      if (toks[j] != ",") items.push_back(toks[j]);
    if (items == std::vector<std::string>{"0", "1"})
      info.boolean = true;
    else
      for (auto& it : items) info.values.push_back(unquoteTok(it));
  }
  return info;
}

// The SQL between the parentheses of GENERATED ALWAYS AS (...) (or AS (...)),
// as written; "" when the definition has no such clause.
std::string generatedExpression(const std::string& definition) {
  auto toks = tokenize(definition);
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    if (normalize(toks[i]) != "AS" || toks[i + 1] != "(") continue;
    // Find the same parenthesis in the text: skip quoted parts while counting.
    size_t pos = 0;
    for (size_t k = 0; k <= i; ++k) pos = definition.find(toks[k], pos) + toks[k].size();
    auto open = definition.find('(', pos);
    if (open == std::string::npos) return "";
    int depth = 0;
    char quote = 0;
    for (size_t k = open; k < definition.size(); ++k) {
      char ch = definition[k];
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '\'' || ch == '"' || ch == '`') {
        quote = ch;
      } else if (ch == '(') {
        ++depth;
      } else if (ch == ')' && --depth == 0) {
        return definition.substr(open + 1, k - open - 1);
      }
    }
    return "";
  }
  return "";
}

// What a declared column type holds, by SQLite's affinity rules (INT → integer;
// CHAR, CLOB, TEXT → text; BLOB or none → blob; REAL, FLOA, DOUB → real;
// anything else numeric) refined by the names other tools declare: BOOL…,
// DATE/TIME… and NUMERIC/DECIMAL (money: summed as Real).
enum class DeclaredKind { Integer, Real, Text, Blob, Boolean, DateTime, Other };

DeclaredKind declaredKind(const std::string& declared) {
  std::string t;
  for (char ch : declared) t += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto has = [&](const char* part) { return t.find(part) != std::string::npos; };
  if (t.empty()) return DeclaredKind::Other;
  if (has("BOOL")) return DeclaredKind::Boolean;
  if (has("INT")) return DeclaredKind::Integer;
  if (has("CHAR") || has("CLOB") || has("TEXT")) return DeclaredKind::Text;
  if (has("BLOB")) return DeclaredKind::Blob;
  if (has("REAL") || has("FLOA") || has("DOUB")) return DeclaredKind::Real;
  if (has("DATE") || has("TIME")) return DeclaredKind::DateTime;
  if (has("NUM") || has("DEC") || has("MONEY")) return DeclaredKind::Real;
  return DeclaredKind::Other;
}

std::string lowerFirst(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// The list side of a relation, named as a person would: Album → albums,
// Category → categories; names already plural (posts, people) stay.
std::string pluralName(const std::string& model) {
  std::string n = lowerFirst(model);
  auto ends = [&](const char* suffix) { return n.ends_with(suffix); };
  if (ends("s") || ends("people") || ends("children") || ends("data")) return n;
  if (ends("y") && n.size() > 1 && std::string("aeiou").find(n[n.size() - 2]) == std::string::npos)
    return n.substr(0, n.size() - 1) + "ies";
  if (ends("x") || ends("ch") || ends("sh") || ends("z")) return n + "es";
  return n + "s";
}

std::string fkAction(const std::string& a) {
  if (a == "CASCADE") return "Cascade";
  if (a == "SET NULL") return "SetNull";
  if (a == "RESTRICT") return "Restrict";
  if (a == "SET DEFAULT") return "SetDefault";
  return "";
}

struct FieldLine {
  std::string name, type, attrs;
};

struct ModelOut {
  std::string name;
  const Table* table = nullptr;
  std::vector<FieldLine> fields;
  std::vector<std::string> model_attrs;
  std::set<std::string> used;
  std::string fieldName(const std::string& want) {
    std::string n = identFor(want);
    std::string base = n;
    for (int i = 2; used.count(n); ++i) n = base + std::to_string(i);
    used.insert(n);
    return n;
  }
};

bool isJoinTable(const Table& t) {
  int pk = 0;
  for (auto& c : t.columns) pk += c.pk > 0;
  return t.columns.size() == 2 && pk == 2 && !t.foreign_keys.empty() && t.strict();
}

}  // namespace

std::string introspectSnapshot(const Snapshot& snap) {
  std::map<std::string, ModelOut> models;  // by table
  std::vector<std::string> order;
  std::set<std::string> fts_tables;
  for (auto& [name, t] : snap.tables)
    if (t.is_virtual) fts_tables.insert(name);
  std::vector<const Table*> joins;
  for (auto& name : snap.order) {
    auto& t = snap.tables.at(name);
    if (t.is_virtual || name.rfind("_litestone", 0) == 0) continue;
    if (isJoinTable(t)) {
      joins.push_back(&t);
      continue;
    }
    ModelOut m;
    m.name = identFor(name);
    m.table = &t;
    models[name] = std::move(m);
    order.push_back(name);
  }
  for (auto& [table, m] : models)
    for (auto& c : m.table->columns) m.used.insert(identFor(c.name));

  // Enums, shared between columns with the same values.
  std::map<std::vector<std::string>, std::string> enums;
  std::vector<std::pair<std::string, std::vector<std::string>>> enum_order;
  for (auto& table : order) {
    auto& m = models[table];
    bool soft = m.table->column("deletedAt") != nullptr;
    bool has_partial = false;
    for (auto& [n, ix] : snap.indexes)
      if (ix.table == table && ix.partial) has_partial = true;
    // A composite primary key is one @@id([...]) in key order, not an @id per column.
    std::vector<const Column*> pk_columns;
    for (auto& c : m.table->columns)
      if (c.pk > 0) pk_columns.push_back(&c);
    std::sort(pk_columns.begin(), pk_columns.end(), [](auto* a, auto* b) { return a->pk < b->pk; });
    if (pk_columns.size() > 1) {
      std::string cols;
      for (auto* c : pk_columns) cols += (cols.empty() ? "" : ", ") + identFor(c->name);
      m.model_attrs.push_back("@@id([" + cols + "])");
    }
    for (auto& c : m.table->columns) {
      FieldLine f;
      f.name = identFor(c.name);
      auto check = readCheck(c);
      auto dflt = c.default_sql.value_or("");
      auto ndflt = normalize(dflt);
      bool now_default =
          ndflt.find("STRFTIME") != std::string::npos && ndflt.find("'now'") != std::string::npos;
      DeclaredKind kind = declaredKind(c.type);
      if (kind == DeclaredKind::Boolean || (kind == DeclaredKind::Integer && check.boolean))
        f.type = "Boolean";
      else if (kind == DeclaredKind::Integer)
        f.type = "Integer";
      else if (kind == DeclaredKind::Real)
        f.type = "Real";
      else if (kind == DeclaredKind::Blob)
        f.type = "Blob";
      else if (kind == DeclaredKind::DateTime && check.values.empty() && !check.json)
        f.type = "DateTime";
      else if (check.json)
        f.type = "Json";
      else if (!check.values.empty()) {
        auto it = enums.find(check.values);
        if (it == enums.end()) {
          auto en = pascal(m.name) + pascal(c.name);
          it = enums.emplace(check.values, en).first;
          enum_order.emplace_back(en, check.values);
        }
        f.type = it->second;
      } else if (now_default || (c.name == "deletedAt" && soft && has_partial))
        f.type = "DateTime";
      else
        f.type = "Text";
      if (!c.not_null && c.pk == 0) f.type += "?";
      if (c.pk > 0 && pk_columns.size() == 1) f.attrs += " @id";
      auto toks = tokenize(c.definition);
      bool inline_unique =
          std::any_of(toks.begin(), toks.end(), [](auto& t) { return normalize(t) == "UNIQUE"; });
      if (inline_unique) f.attrs += " @unique";
      if (c.generated()) {
        auto expr = generatedExpression(c.definition);
        if (!expr.empty())
          f.attrs += " @generated(" + schemaString(expr) + (c.hidden == 2 ? ", stored: false" : "") + ")";
      } else if (now_default) {
        f.attrs += " @default(now())";
      } else if (!dflt.empty() && ndflt != "NULL") {
        if (f.type.rfind("Boolean", 0) == 0)
          f.attrs += std::string(" @default(") + (dflt == "1" ? "true" : "false") + ")";
        else if (dflt[0] == '\'' && !check.values.empty())
          f.attrs += " @default(" + unquoteTok(dflt) + ")";
        else if (dflt[0] == '\'')
          f.attrs += " @default(" + schemaString(unquoteTok(dflt)) + ")";
        else if (std::isdigit(static_cast<unsigned char>(dflt[0])) || dflt[0] == '-')
          f.attrs += " @default(" + dflt + ")";
      }
      if (f.name != c.name) f.attrs += " @map(" + schemaString(c.name) + ")";
      m.fields.push_back(f);
    }
    // Indexes: soft-delete partial ones, plain and unique.
    for (auto& [n, ix] : snap.indexes) {
      if (ix.table != table) continue;
      std::string cols;
      for (auto& c : ix.columns) cols += (cols.empty() ? "" : ", ") + identFor(c);
      if (ix.unique && ix.partial && ix.columns.size() == 1) {
        for (auto& f : m.fields)
          if (f.name == identFor(ix.columns[0])) f.attrs += " @unique";
        continue;
      }
      // Keep a name other tools chose (Django's hash suffixes, Rails' index_…_on_…),
      // or push would add a second index under the generated name.
      std::string generated = table;
      for (auto& c : ix.columns) generated += "_" + c;
      generated += ix.unique ? "_key" : "_idx";
      std::string name_arg = n == generated ? "" : ", name: " + schemaString(n);
      m.model_attrs.push_back(std::string(ix.unique ? "@@unique" : "@@index") + "([" + cols + "]" + name_arg +
                              ")");
    }
    if (soft && has_partial) m.model_attrs.push_back("@@softDelete");
    for (auto& fts : fts_tables) {
      auto& ft = snap.tables.at(fts);
      if (ft.virtual_content != table) continue;
      std::string cols;
      for (auto& c : ft.columns) cols += (cols.empty() ? "" : ", ") + identFor(c.name);
      m.model_attrs.push_back("@@fts([" + cols + "])");
    }
    if (!m.table->strict()) m.model_attrs.push_back("@@noStrict");
    if (m.name != table) m.model_attrs.push_back("@@map(" + schemaString(table) + ")");
  }

  // Relations from foreign keys: the belongs-to side and its back side.
  std::map<std::pair<std::string, std::string>, int> pair_count;
  for (auto& table : order)
    for (auto& fk : models[table].table->foreign_keys) {
      auto key = std::minmax(table, fk.table);
      ++pair_count[{key.first, key.second}];
    }
  for (auto& table : order) {
    auto& m = models[table];
    // PRAGMA foreign_key_list lists the last declared key first.
    for (auto it = m.table->foreign_keys.rbegin(); it != m.table->foreign_keys.rend(); ++it) {
      auto& fk = *it;
      if (!models.count(fk.table)) continue;
      auto& parent = models[fk.table];
      auto key = std::minmax(table, fk.table);
      bool named = table == fk.table || pair_count[{key.first, key.second}] > 1;
      std::string rel_name = table + "_" + fk.from[0];
      std::string base = fk.from.size() == 1 && fk.from[0].size() > 2 &&
                                 (fk.from[0].ends_with("Id") || fk.from[0].ends_with("_id"))
                             ? fk.from[0].substr(0, fk.from[0].size() - (fk.from[0].ends_with("Id") ? 2 : 3))
                             : fk.table;
      bool optional = false, unique = false;
      for (auto& col : fk.from) {
        auto* c = m.table->column(col);
        optional = optional || (c && !c->not_null);
      }
      std::string from, to;
      for (size_t i = 0; i < fk.from.size(); ++i) {
        from += (i ? ", " : "") + identFor(fk.from[i]);
        to += (i ? ", " : "") + identFor(fk.to[i]);
        if (fk.from.size() == 1)
          for (auto& f : m.fields)
            if (f.name == identFor(fk.from[i]) && f.attrs.find("@unique") != std::string::npos) unique = true;
      }
      std::string attrs = " @relation(";
      if (named) attrs += "name: " + schemaString(rel_name) + ", ";
      attrs += "fields: [" + from + "], references: [" + to + "]";
      if (!fkAction(fk.on_delete).empty()) attrs += ", onDelete: " + fkAction(fk.on_delete);
      if (!fkAction(fk.on_update).empty()) attrs += ", onUpdate: " + fkAction(fk.on_update);
      attrs += ")";
      m.fields.push_back({m.fieldName(base), parent.name + (optional ? "?" : ""), attrs});
      std::string back = unique ? lowerFirst(m.name) : pluralName(m.name);
      std::string back_name = parent.fieldName(table == fk.table ? back + "By" + pascal(base) : back);
      parent.fields.push_back({back_name, m.name + (unique ? "?" : "[]"),
                               named ? " @relation(" + schemaString(rel_name) + ")" : ""});
    }
  }
  // Implicit many-to-many join tables become list fields on both sides.
  for (auto* j : joins) {
    if (j->foreign_keys.size() < 2) continue;
    auto& a = j->foreign_keys[0].table;
    auto& b = j->foreign_keys[1].table;
    if (!models.count(a) || !models.count(b)) continue;
    models[a].fields.push_back({models[a].fieldName(b), models[b].name + "[]", ""});
    models[b].fields.push_back({models[b].fieldName(a), models[a].name + "[]", ""});
  }

  std::ostringstream out;
  out << "// Introspected by litestone from an existing database. Review it: types\n"
         "// SQLite cannot tell apart (DateTime stored as TEXT, ...) read as the plain type.\n";
  for (auto& [name, values] : enum_order) {
    out << "\nenum " << name << " {";
    for (auto& v : values) out << " " << v;
    out << " }\n";
  }
  for (auto& table : order) {
    auto& m = models[table];
    size_t w_name = 0, w_type = 0;
    for (auto& f : m.fields) {
      w_name = std::max(w_name, f.name.size());
      w_type = std::max(w_type, f.type.size());
    }
    out << "\nmodel " << m.name << " {\n";
    for (auto& f : m.fields) {
      std::string line = "  " + f.name + std::string(w_name - f.name.size() + 1, ' ') + f.type;
      if (!f.attrs.empty()) line += std::string(w_type - f.type.size(), ' ') + f.attrs;
      out << line << "\n";
    }
    if (!m.model_attrs.empty()) out << "\n";
    for (auto& a : m.model_attrs) out << "  " << a << "\n";
    out << "}\n";
  }
  return out.str();
}

std::string introspect(const std::string& database_path) {
  engine::Connection db({.path = database_path, .read_only = true, .apply_pragmas = false});
  return introspectSnapshot(takeSnapshot(db));
}

}  // namespace litestone::migrate
