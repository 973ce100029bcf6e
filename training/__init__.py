"""Offline tools the service never imports: train the pair classifier (``train_nli``), calibrate the
judge's thresholds (``calibrate``), evaluate the judge (``evaluate``), and the data readers (``data``).

Dependencies run one way: data <- evaluate <- calibrate <- train_nli; each may import ``service``.
Only the ``selaras train`` / ``selaras eval`` subcommands (:mod:`service.cli`) import this package.
"""
