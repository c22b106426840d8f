using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MusicSite.Accounts;

namespace MusicSite.Live;

/// <summary>
/// Moves <see cref="ContentVersion"/> after every write that may change what a public page shows: a SaveChanges that
/// touched any entity but the private bookkeeping listed here, and every bulk statement (ExecuteUpdate, ExecuteDelete,
/// raw SQL) except one on such rows or one that only moves a play or download count. Everything counts unless named,
/// so a new kind of content is never forgotten. A write inside a transaction moves the version again when the transaction commits, so
/// a page rendered between the write and the commit (which read the old rows) is never reachable afterwards.
/// </summary>
public sealed class ContentChangeInterceptor(ContentVersion version) : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>Rows no public page shows: the audit trail, job and ops bookkeeping, play and download events (the
    /// counts may lag), mail and notifications, share links, upload sessions, contact messages and reports.</summary>
    private static readonly HashSet<Type> Private =
    [
        typeof(Admin.AuditEntry), typeof(Admin.OpsAlert), typeof(Jobs.History.JobRun), typeof(Catalog.PlayEvent),
        typeof(Catalog.DownloadEvent), typeof(Notifications.Notification), typeof(NotificationMailChoice),
        typeof(Playback.ShareLink), typeof(Uploads.UploadSession), typeof(Contact.ContactMessage),
        typeof(Moderation.ContentReport), typeof(Seeding.SeedRun), typeof(IdentityUserToken<int>),
        typeof(IdentityUserLogin<int>), typeof(IdentityUserClaim<int>),
    ];

    /// <summary>What signing in, failing to and changing a password write on an account; nothing a page shows.</summary>
    private static readonly HashSet<string> SignInBookkeeping =
    [
        nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd), nameof(AppUser.SecurityStamp),
        nameof(AppUser.ConcurrencyStamp), nameof(AppUser.PasswordHash),
    ];

    /// <summary>Play and download counts: a cached page may show them a little behind (decision 0045).</summary>
    private static readonly HashSet<string> Counters = new(StringComparer.OrdinalIgnoreCase) { "PlayCount", "DownloadCount" };

    /// <summary>The table a bulk statement writes: UPDATE "T", DELETE FROM "T", INSERT [OR …] INTO "T".</summary>
    private static readonly Regex Target = new(@"^\s*(?:UPDATE|DELETE\s+FROM|INSERT\s+(?:OR\s+\w+\s+)?INTO)\s+""(?<table>[^""]+)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>A column an UPDATE's SET clause assigns.</summary>
    private static readonly Regex Assigned = new(@"(?:\bSET\s+|,\s*)""(?<column>[^""]+)""\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly ConditionalWeakTable<DbContext, State> _states = new();
    private HashSet<string>? _privateTables;

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Statement(command, eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Statement(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var state = _states.GetOrCreateValue(context);
        state.Saving = true;
        state.SaveChangesContent = context.ChangeTracker.Entries().Any(IsPublicChange);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_states.TryGetValue(context, out var state))
        {
            return;
        }
        state.Saving = false;
        if (state.SaveChangesContent)
        {
            state.SaveChangesContent = false;
            Changed(context, state);
        }
    }

    private void Statement(DbCommand command, DbContext? context)
    {
        if (context is null)
        {
            version.Bump();
            return;
        }
        var state = _states.GetOrCreateValue(context);
        // SaveChanges' own statements are judged by their entities (Collect), not one by one.
        if (state.Saving || IsBookkeeping(command.CommandText, context))
        {
            return;
        }
        Changed(context, state);
    }

    /// <summary>A bulk statement on a table of <see cref="Private"/> rows, or an update that sets nothing but
    /// <see cref="Counters"/>. Anything else, raw SQL of any other shape included, counts as a change.</summary>
    private bool IsBookkeeping(string sql, DbContext context)
    {
        var target = Target.Match(sql);
        if (!target.Success)
        {
            return false;
        }
        var tables = _privateTables ??= Private.Select(t => context.Model.FindEntityType(t)?.GetTableName())
            .OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (tables.Contains(target.Groups["table"].Value))
        {
            return true;
        }
        var set = sql.IndexOf("SET", target.Length, StringComparison.OrdinalIgnoreCase);
        if (!target.Value.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || set < 0)
        {
            return false;
        }
        var where = sql.IndexOf("WHERE", set, StringComparison.OrdinalIgnoreCase);
        var columns = Assigned.Matches(where < 0 ? sql[set..] : sql[set..where]);
        return columns.Count > 0 && columns.All(c => Counters.Contains(c.Groups["column"].Value));
    }

    private void Changed(DbContext context, State state)
    {
        version.Bump();
        if (context.Database.CurrentTransaction is not null)
        {
            state.ChangedInTransaction = true;
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _states.TryGetValue(context, out var state) && state.ChangedInTransaction)
        {
            state.ChangedInTransaction = false;
            version.Bump();
        }
    }

    private static bool IsPublicChange(EntityEntry entry)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || Private.Contains(entry.Metadata.ClrType))
        {
            return false;
        }
        return entry is not { Entity: AppUser, State: EntityState.Modified }
               || entry.Properties.Any(p => p.IsModified && !SignInBookkeeping.Contains(p.Metadata.Name));
    }

    private sealed class State
    {
        public bool Saving;
        public bool SaveChangesContent;
        public bool ChangedInTransaction;
    }
}
