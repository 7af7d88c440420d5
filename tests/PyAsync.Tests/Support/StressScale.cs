namespace PyAsync.Tests.Support;

/// <summary>
/// The size of the stress and fault tests. <c>dotnet test</c> runs them at CI size, small enough to
/// keep the suite fast; <c>PYASYNC_STRESS=full dotnet test PyAsync.sln --filter Category=Stress</c>
/// runs the same tests at the full size (1,000,000 tasks, 8 threads × 100,000 calls, ...).
/// </summary>
public static class StressScale
{
    /// <summary>The trait every stress test carries: <c>[Trait("Category", "Stress")]</c>.</summary>
    public const string Category = "Stress";

    /// <summary>Whether <c>PYASYNC_STRESS=full</c> asks for the full size.</summary>
    public static bool Full => Environment.GetEnvironmentVariable("PYASYNC_STRESS") == "full";

    /// <summary><paramref name="ci"/> normally, <paramref name="full"/> under <c>PYASYNC_STRESS=full</c>.</summary>
    public static int Pick(int ci, int full) => Full ? full : ci;
}
