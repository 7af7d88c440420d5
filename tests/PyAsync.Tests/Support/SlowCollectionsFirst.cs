using System.Reflection;
using Xunit.Abstractions;

#if NET10_0_OR_GREATER
[assembly: TestCollectionOrderer("PyAsync.Tests.Support.SlowCollectionsFirst", "PyAsync.Tests")]
#else
[assembly: TestCollectionOrderer("PyAsync.Tests.Support.SlowCollectionsFirst", "PyAsync.Tests.Net8")]
#endif

namespace PyAsync.Tests.Support;

/// <summary>
/// Starts the long test classes first: <see cref="LongestFirst"/> in its order, then the other classes marked
/// <c>[Trait("Category", "Slow")]</c> (they start processes), then the rest in xunit's own order.
/// </summary>
/// <remarks>
/// xunit runs as many collections at once as there are cores. A class that takes ten seconds and starts last
/// leaves the other core idle at the end of the run (the package test did: the last seven seconds of a
/// 27-second run); started first, the short classes fill the time beside it. Only the order changes: every
/// test still runs, each class in a collection of its own as before.
/// </remarks>
public sealed class SlowCollectionsFirst : ITestCollectionOrderer
{
    /// <summary>The classes that take longest, longest first (measured on .NET 10 on this project's 2-core machine).</summary>
    private static readonly string[] LongestFirst = ["PackageTests", "BenchmarkSmokeTests", "PortCommandTests", "StartupBenchTests"];

    /// <inheritdoc />
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.Select((collection, index) => (collection, index))
            .OrderBy(c => Rank(c.collection))
            .ThenBy(c => c.index)
            .Select(c => c.collection)
            .ToList();

    private static int Rank(ITestCollection collection)
    {
        var type = ClassOf(collection);
        if (type is null) return LongestFirst.Length + 1;
        int known = Array.IndexOf(LongestFirst, type.Name);
        if (known >= 0) return known;
        return IsSlow(type) ? LongestFirst.Length : LongestFirst.Length + 1;
    }

    // The test class of a class's own collection ("Test collection for <full name>"), or of a named one
    // ([Collection(nameof(X))], with or without a [CollectionDefinition]): the one class that uses it.
    private static Type? ClassOf(ITestCollection collection)
    {
        const string prefix = "Test collection for ";
        var assembly = typeof(SlowCollectionsFirst).Assembly;
        if (collection.CollectionDefinition is null && collection.DisplayName.StartsWith(prefix, StringComparison.Ordinal))
            return assembly.GetType(collection.DisplayName[prefix.Length..]);
        var users = assembly.GetTypes().Where(t => t.GetCustomAttributesData().Any(a =>
            a.AttributeType == typeof(CollectionAttribute) && a.ConstructorArguments is [{ Value: string name }] && name == collection.DisplayName)).ToList();
        return users.Count == 1 ? users[0] : null;
    }

    private static bool IsSlow(Type type) =>
        type.GetCustomAttributesData().Any(a =>
            a.AttributeType == typeof(TraitAttribute)
            && a.ConstructorArguments is [{ Value: "Category" }, { Value: "Slow" }]);
}
