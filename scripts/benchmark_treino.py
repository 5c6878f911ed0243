"""Mede uma época de treino da LeNet-5 em três laços e imprime uma tabela (segundos, imagens/s).

(a) o laço do curso: o conjunto inteiro num tensor no dispositivo, permutação no
    dispositivo e lotes ``x[indices]`` (``convaula.lenet.treino.treinar_epoca``);
(b) o laço clássico do d2l: ``FashionMNIST(transform=...)`` com
    ``Pad`` + ``ToTensor`` + ``Normalize`` imagem por imagem, ``DataLoader`` com
    ``shuffle=True`` e ``num_workers`` processos, e ``.to(dispositivo)`` a cada lote;
(c) o limite: o mesmo passo de frente+trás+SGD sobre lotes já prontos no dispositivo.

Os três usam o mesmo modelo, o mesmo passo (``convaula.lenet.treino.criar_passo``) e as mesmas
60.000 imagens de treino do Fashion-MNIST, achadas como em ``carregar_fashion_mnist()``
(``--dados`` dá uma pasta para procurar primeiro). ``--sinteticos`` usa, de propósito, o
substituto sintético numa pasta temporária; ``--carga N`` só mede N cargas do conjunto.

Uso::

    python scripts/benchmark_treino.py                       # CPU ou CUDA, o que houver
    python scripts/benchmark_treino.py --dispositivo cuda --epocas-completas 10
    python scripts/benchmark_treino.py --carga 5              # tempo de carga dos dados
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # roda também sem instalar o pacote

from convaula.lenet import dados as cdados  # noqa: E402
from convaula.lenet import modelos, treino  # noqa: E402


def _sincronizar(dispositivo: torch.device) -> None:
    if dispositivo.type == "cuda":
        torch.cuda.synchronize(dispositivo)


def _novo_passo(args, dispositivo):
    torch.manual_seed(0)
    modelo = modelos.LeNet5(ativacao=args.ativacao, pooling=args.pooling)
    formato = torch.channels_last if args.channels_last else torch.contiguous_format
    modelo.to(dispositivo, memory_format=formato)
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.1, weight_decay=1e-6)
    return treino.criar_passo(modelo, otimizador, args.bf16, args.compilar, args.grafo)


def _aquecer(passo, x, y, batch_size, dispositivo):
    """Alguns passos fora do cronômetro: compilação, autotune do cuDNN, último lote menor."""
    resto = len(x) % batch_size or batch_size
    for tamanho in (batch_size, batch_size, batch_size, resto, resto):
        passo(x[:tamanho], y[:tamanho])
    _sincronizar(dispositivo)


def _cronometrar(funcao, dispositivo) -> float:
    _sincronizar(dispositivo)
    inicio = time.perf_counter()
    funcao()
    _sincronizar(dispositivo)
    return time.perf_counter() - inicio


def laco_curso(passo, x, y, args, dispositivo):
    gerador = torch.Generator(device=dispositivo).manual_seed(0)
    return lambda: treino.treinar_epoca(passo, x, y, args.batch_size, gerador)


def laco_dataloader(passo, x, y, args, dispositivo):
    from torch.utils.data import DataLoader
    from torchvision import transforms
    media, desvio = args.media_desvio
    transformacao = transforms.Compose([transforms.Pad(2), transforms.ToTensor(),
                                        transforms.Normalize((media,), (desvio,))])
    conjunto = _PorImagem(args.brutos, transformacao)

    def epoca():
        carregador = DataLoader(conjunto, batch_size=args.batch_size, shuffle=True,
                                num_workers=args.num_workers)
        soma = torch.zeros((), device=dispositivo)
        for xb, yb in carregador:
            perda, _ = passo(xb.to(dispositivo), yb.to(dispositivo))
            soma += perda
        return soma.item()
    return epoca


class _PorImagem(torch.utils.data.Dataset):
    """O que ``torchvision.datasets.FashionMNIST.__getitem__`` faz: PIL e transformação por imagem."""

    def __init__(self, brutos, transformacao):
        self.imagens, self.rotulos, self.transformacao = brutos[0], brutos[1], transformacao

    def __len__(self):
        return len(self.rotulos)

    def __getitem__(self, i):
        from PIL import Image

        imagem = Image.fromarray(self.imagens[i].numpy(), mode="L")
        return self.transformacao(imagem), int(self.rotulos[i])


def laco_limite(passo, x, y, args, dispositivo):
    ordem = torch.randperm(len(x), device=dispositivo)
    prontos = [(x[i].contiguous(), y[i].contiguous()) for i in ordem.split(args.batch_size)]

    def epoca():
        soma = torch.zeros((), device=dispositivo)
        for xb, yb in prontos:
            perda, _ = passo(xb, yb)
            soma += perda
        return soma.item()
    return epoca


LACOS = {"a": ("(a) laço do curso (tensores no dispositivo)", laco_curso),
         "b": ("(b) DataLoader + ToTensor (d2l)", laco_dataloader),
         "c": ("(c) só frente+trás (limite)", laco_limite)}


def _argumentos(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dispositivo", default="auto")
    p.add_argument("--dados", type=Path, default=None,
                   help="pasta para procurar primeiro (veja convaula.lenet.dados)")
    p.add_argument("--sinteticos", action="store_true",
                   help="usa, de propósito, o substituto sintético numa pasta temporária")
    p.add_argument("--carga", type=int, default=0,
                   help="só mede N cargas de carregar_fashion_mnist (relógio e CPU) e sai")
    p.add_argument("--lacos", default="abc", help="quais laços medir, ex.: 'ac'")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--num-workers", type=int, default=min(4, os.cpu_count() or 1),
                   help="processos do DataLoader em (b); o d2l usa 4 (padrão: min(4, núcleos))")
    p.add_argument("--compilar", default="nao",
                   help="nao (padrão), sim, ou um modo do torch.compile: reduce-overhead...")
    p.add_argument("--grafo", default="auto", choices=["auto", "sim", "nao"],
                   help="grava o passo num grafo CUDA (auto: no CUDA, se não compilar)")
    p.add_argument("--channels-last", default="nao", choices=["sim", "nao"])
    p.add_argument("--bf16", action="store_true")
    p.add_argument("--ativacao", default="tanh")
    p.add_argument("--pooling", default="avg")
    p.add_argument("--n-treino", type=int, default=60_000,
                   help="imagens de treino do substituto gerado (só para testes rápidos)")
    p.add_argument("--repeticoes", type=int, default=1, help="rodadas intercaladas de uma época por laço (vale a menor)")
    p.add_argument("--epocas-completas", type=int, default=0,
                   help="depois, treina N épocas com convaula.lenet.treino.treinar, de ponta a ponta")
    return p.parse_args(argv)


def _resolver(args) -> torch.device:
    dispositivo = treino.escolher_dispositivo(args.dispositivo)
    cuda = dispositivo.type == "cuda"
    modos = {"auto": False, "nao": False, "sim": True}
    args.compilar = modos.get(args.compilar, args.compilar)
    args.channels_last = modos[args.channels_last]
    args.grafo = (cuda and not args.compilar) if args.grafo == "auto" else modos[args.grafo]
    if args.sinteticos:
        args.dados = Path(tempfile.mkdtemp(prefix="convaula-bench-"))
        print(f"gerando o substituto sintético ({args.n_treino} + 10000) em {args.dados} ...",
              flush=True)
        cdados.gerar_sinteticos(args.dados, n_treino=args.n_treino)
    return dispositivo


def _medir_carga(args) -> None:
    """N cargas completas, cada uma conferindo os SHA-256 de novo (sem o cache do processo)."""
    for i in range(args.carga):
        cdados._CONFERIDOS.clear()
        inicio, cpu = time.perf_counter(), time.process_time()
        conjunto = cdados.carregar_fashion_mnist(args.dados, baixar=False)
        print(f"carga {i + 1}: {time.perf_counter() - inicio:.3f} s de relógio, "
              f"{time.process_time() - cpu:.3f} s de CPU ({conjunto.origem})", flush=True)


def _tabela(linhas, limite) -> str:
    texto = ["| laço | segundos/época | imagens/s | × o limite (c) |", "|---|---:|---:|---:|"]
    for nome, segundos, imagens in linhas:
        relativo = f"{segundos / limite:.2f}" if limite else "—"
        texto.append(f"| {nome} | {segundos:.2f} | {imagens / segundos:,.0f} | {relativo} |")
    return "\n".join(texto)


def _ponta_a_ponta(args, dispositivo, conjunto):
    torch.manual_seed(0)
    modelo = modelos.LeNet5(ativacao=args.ativacao, pooling=args.pooling)
    inicio = time.perf_counter()
    historico = treino.treinar(modelo, conjunto, epocas=args.epocas_completas,
                               dispositivo=dispositivo, bf16=args.bf16,
                               channels_last=args.channels_last, compilar=args.compilar,
                               grafo_cuda=args.grafo, barra=False)
    total = time.perf_counter() - inicio
    for h in historico:
        print(f"  época {h['epoca']:2d}: {h['segundos']:.3f} s, acc {h['acc']:.3f}, "
              f"acc_teste {h['acc_teste']:.3f}")
    print(f"{args.epocas_completas} épocas de ponta a ponta (treino + avaliação, compilação "
          f"incluída): {total:.2f} s; sem a 1ª época: "
          f"{sum(h['segundos'] for h in historico[1:]):.2f} s; acc_teste final "
          f"{historico[-1]['acc_teste']:.4f}")


def main(argv=None) -> None:
    args = _argumentos(argv)
    if args.carga:
        _medir_carga(args)
        return
    dispositivo = _resolver(args)
    if args.sinteticos:
        conjunto = cdados.carregar_sinteticos(args.dados, dispositivo=dispositivo)
    else:
        conjunto = cdados.carregar_fashion_mnist(args.dados, dispositivo=dispositivo, baixar=False)
    arquivos = cdados.localizar_fashion_mnist(args.dados)
    if args.sinteticos:
        arquivos = cdados._arquivos_em(args.dados)
    brutos = cdados.ler_arquivos(arquivos, conferir=not args.sinteticos)
    args.brutos = (brutos["train-images-idx3-ubyte"], brutos["train-labels-idx1-ubyte"])
    bruto = conjunto.x_treino
    args.media_desvio = (conjunto.media, conjunto.desvio)  # (b) normaliza igual
    nome_gpu = torch.cuda.get_device_name(dispositivo) if dispositivo.type == "cuda" else ""
    print(f"dispositivo: {dispositivo} {nome_gpu} | torch {torch.__version__} | "
          f"threads {torch.get_num_threads()} | {conjunto.rotulo}, {len(bruto)} imagens | "
          f"batch {args.batch_size} | grafo={args.grafo} compilar={args.compilar} "
          f"channels_last={args.channels_last} "
          f"bf16={args.bf16} | num_workers (b) = {args.num_workers}", flush=True)
    x = conjunto.x_treino.contiguous(
        memory_format=torch.channels_last if args.channels_last else torch.contiguous_format)
    epocas = {}
    for chave in args.lacos:  # cada laço com o seu modelo, já aquecido
        passo = _novo_passo(args, dispositivo)
        _aquecer(passo, x, conjunto.y_treino, args.batch_size, dispositivo)
        epocas[chave] = LACOS[chave][1](passo, x, conjunto.y_treino, args, dispositivo)
    tempos = {chave: [] for chave in epocas}
    for rodada in range(args.repeticoes):  # rodadas intercaladas: a carga da máquina afeta todos
        for chave, epoca in epocas.items():
            tempos[chave].append(_cronometrar(epoca, dispositivo))
            print(f"rodada {rodada + 1}, {LACOS[chave][0]}: {tempos[chave][-1]:.2f} s", flush=True)
    linhas = [(LACOS[c][0], min(t), len(x)) for c, t in tempos.items()]
    limite = min(tempos["c"]) if "c" in tempos else None
    print(_tabela(linhas, limite))
    if args.epocas_completas:
        _ponta_a_ponta(args, dispositivo, conjunto)


if __name__ == "__main__":
    main()
