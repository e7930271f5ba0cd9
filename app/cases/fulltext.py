"""Full-text search over cases with the database's own engine, chosen by dialect.

- SQLite: an FTS5 external-content table `cases_fts` over the view `cases_search_source`
  (case reference, title, description + the material's title and author), kept in step by
  triggers on `cases` and `materials`. Tokenizer: porter unicode61.
- PostgreSQL: a `search_vector tsvector` column on `cases` (not mapped in the ORM), kept by a
  trigger that also reads the material, and a GIN index; queried with to_tsquery built from the user's words
  (each quoted; the last a prefix, as on SQLite).

The DDL lives here as constants so the Alembic migration can reuse them; create_all() runs them
through the after_create / before_drop listeners at the bottom.
"""
import re

import sqlalchemy as sa

# --- SQLite ------------------------------------------------------------------------------------
SQLITE_CREATE = [
    """CREATE VIEW IF NOT EXISTS cases_search_source AS
       SELECT c.id AS id, c.reference AS reference, c.title AS title, c.description AS description,
              COALESCE(m.title, '') AS material_title, COALESCE(m.author, '') AS material_author
       FROM cases c LEFT JOIN materials m ON m.id = c.material_id""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS cases_fts USING fts5(
       reference, title, description, material_title, material_author,
       content='cases_search_source', content_rowid='id', tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS cases_fts_ai AFTER INSERT ON cases BEGIN
       INSERT INTO cases_fts(rowid, reference, title, description, material_title, material_author)
       SELECT new.id, new.reference, new.title, new.description,
              COALESCE((SELECT title FROM materials WHERE id = new.material_id), ''),
              COALESCE((SELECT author FROM materials WHERE id = new.material_id), '');
       END""",
    """CREATE TRIGGER IF NOT EXISTS cases_fts_ad AFTER DELETE ON cases BEGIN
       INSERT INTO cases_fts(cases_fts, rowid, reference, title, description, material_title, material_author)
       SELECT 'delete', old.id, old.reference, old.title, old.description,
              COALESCE((SELECT title FROM materials WHERE id = old.material_id), ''),
              COALESCE((SELECT author FROM materials WHERE id = old.material_id), '');
       END""",
    """CREATE TRIGGER IF NOT EXISTS cases_fts_au AFTER UPDATE OF reference, title, description, material_id ON cases BEGIN
       INSERT INTO cases_fts(cases_fts, rowid, reference, title, description, material_title, material_author)
       SELECT 'delete', old.id, old.reference, old.title, old.description,
              COALESCE((SELECT title FROM materials WHERE id = old.material_id), ''),
              COALESCE((SELECT author FROM materials WHERE id = old.material_id), '');
       INSERT INTO cases_fts(rowid, reference, title, description, material_title, material_author)
       SELECT new.id, new.reference, new.title, new.description,
              COALESCE((SELECT title FROM materials WHERE id = new.material_id), ''),
              COALESCE((SELECT author FROM materials WHERE id = new.material_id), '');
       END""",
    """CREATE TRIGGER IF NOT EXISTS materials_fts_au AFTER UPDATE OF title, author ON materials BEGIN
       INSERT INTO cases_fts(cases_fts, rowid, reference, title, description, material_title, material_author)
       SELECT 'delete', c.id, c.reference, c.title, c.description, old.title, old.author
       FROM cases c WHERE c.material_id = old.id;
       INSERT INTO cases_fts(rowid, reference, title, description, material_title, material_author)
       SELECT c.id, c.reference, c.title, c.description, new.title, new.author
       FROM cases c WHERE c.material_id = new.id;
       END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS materials_fts_au",
    "DROP TABLE IF EXISTS cases_fts",
    "DROP VIEW IF EXISTS cases_search_source",
]

# --- PostgreSQL ---------------------------------------------------------------------------------
POSTGRES_CREATE = [
    "ALTER TABLE cases ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "CREATE INDEX IF NOT EXISTS ix_cases_search_vector ON cases USING GIN (search_vector)",
    """CREATE OR REPLACE FUNCTION cases_search_vector_update() RETURNS trigger AS $$
       DECLARE m_title text := ''; m_author text := '';
       BEGIN
         IF NEW.material_id IS NOT NULL THEN
           SELECT COALESCE(title, ''), COALESCE(author, '') INTO m_title, m_author
           FROM materials WHERE id = NEW.material_id;
         END IF;
         NEW.search_vector :=
           setweight(to_tsvector('english', replace(COALESCE(NEW.reference, ''), '-', ' ') || ' ' || COALESCE(NEW.title, '')), 'A') ||
           setweight(to_tsvector('english', COALESCE(m_title, '') || ' ' || COALESCE(m_author, '')), 'A') ||
           setweight(to_tsvector('english', COALESCE(NEW.description, '')), 'B');
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS cases_search_vector_trg ON cases",
    """CREATE TRIGGER cases_search_vector_trg BEFORE INSERT OR UPDATE OF reference, title, description, material_id
       ON cases FOR EACH ROW EXECUTE FUNCTION cases_search_vector_update()""",
    """CREATE OR REPLACE FUNCTION materials_search_vector_touch() RETURNS trigger AS $$
       BEGIN
         UPDATE cases SET material_id = material_id WHERE material_id = NEW.id;
         RETURN NULL;
       END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS materials_search_vector_trg ON materials",
    """CREATE TRIGGER materials_search_vector_trg AFTER UPDATE OF title, author
       ON materials FOR EACH ROW EXECUTE FUNCTION materials_search_vector_touch()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS materials_search_vector_trg ON materials",
]


# Fill the search data for rows that existed before the DDL ran (migration, bulk import).
SQLITE_REBUILD = "INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')"
POSTGRES_REBUILD = "UPDATE cases SET title = title"


def rebuild_statement(dialect_name: str) -> str:
    return POSTGRES_REBUILD if dialect_name == "postgresql" else SQLITE_REBUILD


def attach(cases_table: sa.Table) -> None:
    for statement in SQLITE_CREATE:
        sa.event.listen(cases_table, "after_create", sa.DDL(statement).execute_if(dialect="sqlite"))
    for statement in POSTGRES_CREATE:
        sa.event.listen(cases_table, "after_create", sa.DDL(statement).execute_if(dialect="postgresql"))
    for statement in SQLITE_DROP:
        sa.event.listen(cases_table, "before_drop", sa.DDL(statement).execute_if(dialect="sqlite"))
    for statement in POSTGRES_DROP:
        sa.event.listen(cases_table, "before_drop", sa.DDL(statement).execute_if(dialect="postgresql"))


_TERM = re.compile(r"\w+", re.UNICODE)


def sqlite_match_expression(text: str) -> str | None:
    """User words as quoted FTS5 strings (so AND/OR/NEAR/*/: typed by a user are just words);
    the last one as a prefix so 'Morr' finds Morrison. None when nothing searchable remains."""
    terms = _TERM.findall(text or "")
    if not terms:
        return None
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


def postgres_tsquery_expression(text: str) -> str | None:
    """The same words ANDed, each quoted as a tsquery lexeme, the last one a prefix ('gend':*).
    Only \\w characters reach to_tsquery, so user input cannot form tsquery syntax."""
    terms = _TERM.findall(text or "")
    if not terms:
        return None
    return " & ".join([f"'{term}'" for term in terms[:-1]] + [f"'{terms[-1]}':*"])


REFERENCE = re.compile(r"^\s*(RC|Q|IN)-\d{4}-\d+\s*$", re.IGNORECASE)


def matching_case_ids(dialect_name: str, text: str):
    """A clause restricting cases to those matching `text`, or None if the text is empty.
    A typed reference ("RC-2026-0007") is looked up exactly, whatever a tokenizer makes of it."""
    from app.models.case import Case

    if REFERENCE.match(text or ""):
        return Case.reference == text.strip().upper()

    if dialect_name == "postgresql":
        expression = postgres_tsquery_expression(text)
        if expression is None:
            return None
        matches = sa.literal_column("cases.search_vector").op("@@")(sa.func.to_tsquery("english", expression))
    else:
        expression = sqlite_match_expression(text)
        if expression is None:
            return None
        fts = sa.text("SELECT rowid FROM cases_fts WHERE cases_fts MATCH :q").bindparams(q=expression)
        matches = Case.id.in_(fts.columns(sa.column("rowid", sa.Integer)))
    return matches


def _attach_to_models() -> None:
    from app.models.case import Case

    attach(Case.__table__)


_attach_to_models()


# Objects made by the DDL above, unknown to the models: Alembic autogenerate must not drop them.
# Use in migrations/env.py: context.configure(..., include_object=alembic_include_object).
ALEMBIC_IGNORED_TABLES = {"cases_fts", "cases_fts_data", "cases_fts_idx", "cases_fts_docsize", "cases_fts_config",
                          "cases_fts_content", "cases_search_source"}
ALEMBIC_IGNORED_COLUMNS = {("cases", "search_vector")}
ALEMBIC_IGNORED_INDEXES = {"ix_cases_search_vector"}


def alembic_include_object(obj, name, type_, reflected, compare_to) -> bool:
    if type_ == "table" and name in ALEMBIC_IGNORED_TABLES:
        return False
    if type_ == "column" and (getattr(getattr(obj, "table", None), "name", None), name) in ALEMBIC_IGNORED_COLUMNS:
        return False
    if type_ == "index" and name in ALEMBIC_IGNORED_INDEXES:
        return False
    return True
