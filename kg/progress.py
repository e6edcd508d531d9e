"""Progress bars for long work, on stderr.

kg's bars run no monitor thread (tqdm starts one with its first bar, even a disabled
one): a process that runs a single thread can fork its extraction workers safely
(``kg.scale.local``), and a bar must not change that.
"""
from tqdm import tqdm


class Progress(tqdm):
    monitor_interval = 0
