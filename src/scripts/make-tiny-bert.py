#!/usr/bin/env python3
"""Creates the tiny, randomly initialised BERT used by the transformers.js tests.

Output (src/embeddings/fixtures/tiny-bert/, the layout transformers.js v3/v4 loads from a
local folder with dtype fp32):
  config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json, 
  onnx/model.onnx          (inputs input_ids, attention_mask, token_type_ids; output last_hidden_state)
  golden.json              (token ids and CLS / mean-pooled embeddings computed here with
                            PyTorch and onnxruntime, for a cross-check in the TypeScript test)

The model has hidden size 32, 2 layers, 2 heads and a WordPiece vocabulary of common English
words plus single letters, digits, punctuation and suffix pieces. Everything is seeded, so a
rerun gives the same weights. The weights are random: the vectors carry no meaning, the
fixture only exercises the real loading, tokenising, truncation and pooling code.

Needs: pip install --user torch transformers onnx onnxruntime
Usage: python3 src/scripts/make-tiny-bert.py [--output DIR]
"""
import argparse
import json
import os
import string

import numpy as np
import onnxruntime
import torch
from transformers import BertConfig, BertModel, BertTokenizerFast

SEED = 20220101
HIDDEN_SIZE = 32
LAYERS = 2
HEADS = 2
INTERMEDIATE_SIZE = 64
MAX_POSITIONS = 128

COMMON_WORDS = """
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by not word but what some we can out other were all there when up use your how said an
each she which do their time if will way about many then them write would like so these her long
make thing see him two has look more day could go come did number sound no most people my over
know water than call first who may down side been now find any new work part take get place made
live where after back little only round man year came show every good me give our under name very
through just form sentence great think say help low line differ turn cause much mean before move
right boy old too same tell does set three want air well also play small end put home read hand
port large spell add even land here must big high such follow act why ask men change went light
kind off need house picture try us again animal point mother world near build self earth father
head stand own page should country found answer school grow study still learn plant cover food sun
four between state keep eye never last let thought city tree cross farm hard start might story saw
far sea draw left late run while press close night real life few north open seem together next white
children begin got walk example ease paper group always music those both mark often letter until mile
river car feet care second book carry took science eat room friend began idea fish mountain stop once
base hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red
list though feel talk bird soon body dog family direct pose leave song measure door product black short
numeral class wind question happen complete ship area half rock order fire south problem piece told knew
pass since top whole king space heard best hour better true during hundred five remember step early hold
west ground interest reach fast verb sing listen six table travel less morning ten simple several vowel
toward war lay against pattern slow center love person money serve appear road map rain rule govern pull
cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star
box noun field rest correct able pound done beauty drive stood contain front teach week final gave green
quick develop ocean warm free minute strong special mind behind clear tail produce fact street inch
multiply nothing course stay wheel full force blue object decide surface deep moon island foot system busy
test record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape
equate hot miss brought heat snow tire bring yes distant fill east paint language among cat sat mat
kitten rug computer graphics windows driver card hockey baseball game team season player space shuttle
orbit launch nasa god church bible christian religion gun law government israel medical doctor disease
sale price email software file image mac drive disk motorcycle bike encryption key chip clipper
""".split()

SUFFIXES = ["s", "es", "ed", "ing", "ly", "er", "est", "tion", "ness", "ment", "able", "al", "ic", "y"]


def build_vocabulary():
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    characters = list(string.ascii_lowercase) + list(string.digits) + list(string.punctuation)
    pieces = special + characters + ["##" + c for c in string.ascii_lowercase + string.digits]
    seen = set(pieces)
    for word in ["##" + suffix for suffix in SUFFIXES] + COMMON_WORDS:
        if word not in seen:
            seen.add(word)
            pieces.append(word)
    return pieces


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--output", default=os.path.join(root, "src", "embeddings", "fixtures", "tiny-bert"))
    arguments = parser.parse_args()
    output = arguments.output
    os.makedirs(os.path.join(output, "onnx"), exist_ok=True)

    torch.manual_seed(SEED)
    np.random.seed(SEED)
    vocabulary = build_vocabulary()
    tokenizer = BertTokenizerFast(
        vocab={piece: index for index, piece in enumerate(vocabulary)}, do_lower_case=True, model_max_length=MAX_POSITIONS
    )
    assert len(tokenizer) == len(vocabulary), f"tokenizer has {len(tokenizer)} pieces, expected {len(vocabulary)}"
    tokenizer.save_pretrained(output)

    config = BertConfig(
        vocab_size=len(vocabulary),
        hidden_size=HIDDEN_SIZE,
        num_hidden_layers=LAYERS,
        num_attention_heads=HEADS,
        intermediate_size=INTERMEDIATE_SIZE,
        max_position_embeddings=MAX_POSITIONS,
        type_vocab_size=2,
    )
    model = BertModel(config, add_pooling_layer=False).eval()
    model.config.save_pretrained(output)

    class LastHiddenState(torch.nn.Module):
        """The encoder with positional inputs and one output, as the ONNX exporter wants."""

        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    sample = tokenizer(["a tiny example"], return_tensors="pt")
    onnx_path = os.path.join(output, "onnx", "model.onnx")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dynamic = {name: {0: "batch_size", 1: "sequence_length"} for name in names}
    dynamic["last_hidden_state"] = {0: "batch_size", 1: "sequence_length"}
    torch.onnx.export(
        LastHiddenState(model).eval(),
        (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
        onnx_path,
        input_names=names,
        output_names=["last_hidden_state"],
        dynamic_axes=dynamic,
        opset_version=14,
        dynamo=False,
    )

    # Golden values: CLS and attention-weighted mean of the last hidden state.
    sentences = ["The cat sat on the mat.", "Space shuttle launch from the island, early in the morning!"]
    max_length = 10
    encoded = tokenizer(sentences, padding=True, truncation=True, max_length=max_length, return_tensors="np")
    session = onnxruntime.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    (hidden,) = session.run(None, {name: encoded[name].astype(np.int64) for name in names})
    with torch.no_grad():
        torch_hidden = model(**{name: torch.from_numpy(encoded[name].astype(np.int64)) for name in names}).last_hidden_state.numpy()
    assert np.allclose(hidden, torch_hidden, atol=1e-5), "onnxruntime and PyTorch disagree"
    mask = encoded["attention_mask"][..., None].astype(np.float32)
    mean = (hidden * mask).sum(axis=1) / mask.sum(axis=1)
    golden = {
        "description": "made by src/scripts/make-tiny-bert.py with onnxruntime on onnx/model.onnx",
        "sentences": sentences,
        "maxLength": max_length,
        "inputIds": [[int(i) for i, m in zip(row, mask_row) if m] for row, mask_row in zip(encoded["input_ids"], encoded["attention_mask"])],
        "cls": [[round(float(v), 7) for v in row] for row in hidden[:, 0, :]],
        "mean": [[round(float(v), 7) for v in row] for row in mean],
    }
    with open(os.path.join(output, "golden.json"), "w", encoding="utf-8") as handle:
        json.dump(golden, handle, indent=1)
        handle.write("\n")
    total = sum(os.path.getsize(os.path.join(folder, name)) for folder, _, names_ in os.walk(output) for name in names_)
    print(f"wrote {output}: vocabulary {len(vocabulary)}, {sum(p.numel() for p in model.parameters())} parameters, {total} bytes")


if __name__ == "__main__":
    main()
