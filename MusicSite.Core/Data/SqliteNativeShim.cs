using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace MusicSite.Data;

/// <summary>
/// Lets EF Core 10 run on SQLitePCLRaw 2.0.6, the only SQLitePCLRaw the package registry holds.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite 10 is compiled against SQLitePCLRaw.core 2.1.x, so the runtime asks for that
/// assembly version and refuses the shipped 2.0.6 file. The 2.0.6 API covers everything
/// Microsoft.Data.Sqlite calls (checked by SqliteShimTests), so when 2.1.x or later is requested we hand
/// back the assembly that ships beside this one. This must be registered before anything opens a
/// connection, hence a module initializer in the assembly that owns the DbContext.
/// </remarks>
internal static class SqliteNativeShim
{
    private const string CoreAssemblyName = "SQLitePCLRaw.core";
    private static int _registered;

    // CA2255 warns against module initializers in libraries; this is exactly the case they exist for.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += ResolveShippedCore;
    }

    private static Assembly? ResolveShippedCore(AssemblyLoadContext context, AssemblyName requested)
    {
        if (!string.Equals(requested.Name, CoreAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        var loaded = context.Assemblies.FirstOrDefault(a => a.GetName().Name == CoreAssemblyName);
        if (loaded is not null)
        {
            return loaded;
        }

        var path = Path.Combine(AppContext.BaseDirectory, CoreAssemblyName + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
