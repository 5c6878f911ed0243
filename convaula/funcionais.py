"""As funções e camadas de convolução do PyTorch por número de dimensões espaciais (1, 2, 3).

Uma tabela só, para o pacote e para os testes: ``CONV[2]`` é ``F.conv2d``, ``TRANSPOSTA[3]`` é
``F.conv_transpose3d``, ``CAMADAS[1]`` é ``nn.Conv1d``. Usada por ``propriedades`` e
``transposta``.
"""

from __future__ import annotations

import torch.nn.functional as F
from torch import nn

__all__ = ["CAMADAS", "CAMADAS_TRANSPOSTA", "CONV", "MEDIA", "TRANSPOSTA"]

CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
TRANSPOSTA = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}
CAMADAS = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
CAMADAS_TRANSPOSTA = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d, 3: nn.ConvTranspose3d}
MEDIA = {1: nn.AvgPool1d, 2: nn.AvgPool2d, 3: nn.AvgPool3d}
