namespace Rempart.Gateway.State;

/// <summary>
/// The schema of the embedded store, one step per version. Steps only ever get appended; a store
/// written by a newer Rempart (a version above the last step) is refused rather than misread.
/// </summary>
internal static class StateMigrations
{
    public static readonly string[] Steps =
    [
        // 1: decisions, IP-set entries, security events, audit trail.
        """
        CREATE TABLE decisions (
            id TEXT PRIMARY KEY,
            scope_type TEXT NOT NULL,
            scope TEXT NOT NULL,
            action TEXT NOT NULL,
            reason TEXT NOT NULL,
            source TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NULL
        );
        CREATE INDEX decisions_expires ON decisions(expires_at);
        CREATE TABLE ip_set_entries (
            set_name TEXT NOT NULL,
            cidr TEXT NOT NULL,
            source TEXT NOT NULL,
            added_at INTEGER NOT NULL,
            expires_at INTEGER NULL,
            PRIMARY KEY (set_name, cidr)
        );
        CREATE TABLE security_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time INTEGER NOT NULL,
            type TEXT NOT NULL,
            request_id TEXT NULL,
            client_ip TEXT NULL,
            route TEXT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX security_events_type ON security_events(type, id);
        CREATE INDEX security_events_request ON security_events(request_id);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        """,

        // 2: attack events (Shield) and operator switches such as manual under-attack mode.
        """
        CREATE TABLE attacks (
            id TEXT PRIMARY KEY,
            route TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX attacks_started ON attacks(started_at);
        CREATE TABLE shield_switches (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """,

        // 3: SecLang persistent collections (initcol/setsid/setuid), one row per collection and key.
        """
        CREATE TABLE seclang_collections (
            collection TEXT NOT NULL,
            key TEXT NOT NULL,
            data TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (collection, key)
        );
        CREATE INDEX seclang_collections_expires ON seclang_collections(expires_at);
        """,
    ];
}
