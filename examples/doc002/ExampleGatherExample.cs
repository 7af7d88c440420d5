// Seed 002, example_gather.py, which the document runs but does not show; written from its
// description ("tenemos que procesar 100 ficheros"), with 5 files: one task per file, all processed
// concurrently (1 second in all, not 5), and a single `await asyncio.gather(*tasks)` instead of one
// await per task; the results come in the order of the tasks.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc002;

[Example("002", 6, "example_gather", Title = "gather over one task per file")]
public static class ExampleGatherExample
{
    static async Coroutine<string> ProcessFile(string fileName)
    {
        Print($"Procesando {fileName}");
        await Sleep(1);
        Print($"{fileName} procesado");
        return $"{fileName}: OK";
    }


    static async Coroutine Main()
    {
        var fileNames = (from i in Enumerable.Range(1, 5) select $"fichero_{i}.txt").ToList();
        // una task por fichero, para procesarlos todos de manera concurrente
        var tasks = (from fileName in fileNames select CreateTask(ProcessFile(fileName))).ToList();
        // en lugar de un await por cada task, esperamos la lista entera con gather
        var results = await Gather(tasks);
        Print(results);
    }


    public static void Entry() => Run(Main());
}
