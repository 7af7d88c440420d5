namespace PyAsync.Examples;

/// <summary>A line diff (longest common subsequence) in unified style: <c>-</c> expected, <c>+</c> actual.</summary>
public static class LineDiff
{
    public static IReadOnlyList<string> Lines(string expected, string actual)
    {
        var a = Split(expected);
        var b = Split(actual);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
            for (int j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { result.Add("  " + a[x]); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add("- " + a[x++]);
            else result.Add("+ " + b[y++]);
        }
        while (x < a.Length) result.Add("- " + a[x++]);
        while (y < b.Length) result.Add("+ " + b[y++]);
        return result;
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}
