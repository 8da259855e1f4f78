// Every reference against a published count or a hand calculation from its paper's table.
// No number here comes from running the code under test.

import { summarize } from '../harness/model/summarize';
import { INCEPTION_V1_MODULES } from './googlenet';
import { REFERENCES } from './index';

const counts = (name: string) => {
  const s = summarize(REFERENCES[name].topology({}));
  return { total: s.totalParams, trainable: s.trainableParams, output: s.outputShape };
};

describe('reference architectures', () => {
  it.each([
    // Keras Applications' documented totals (keras.io/api/applications: Size and Parameters).
    ['vgg16', 138_357_544],
    ['vgg19', 143_667_240],
    ['resnet50', 25_636_712],
    ['resnet101', 44_707_176],
    ['resnet152', 60_419_944],
    ['inception-v3', 23_851_784],
  ])('%s has Keras Applications\' %d parameters', (name, total) => {
    expect(counts(name).total).toBe(total);
  });

  it('counts trainable parameters as Keras does (moving statistics are not trainable)', () => {
    // Keras' model.summary(): ResNet50 25,583,592 trainable; InceptionV3 23,817,352.
    expect(counts('resnet50').trainable).toBe(25_583_592);
    expect(counts('inception-v3').trainable).toBe(23_817_352);
  });

  it('gives ResNet-18 and -34 the trainable counts of torchvision\'s models of the same design', () => {
    // torchvision.models.resnet18 / resnet34: 11,689,512 and 21,797,672 parameters.
    expect(counts('resnet18').trainable).toBe(11_689_512);
    expect(counts('resnet34').trainable).toBe(21_797_672);
    // Plus two moving statistics per normalised channel. ResNet-18 normalises
    // 64 + 4*64 + (4*128+128) + (4*256+256) + (4*512+512) = 4,800 channels.
    expect(counts('resnet18').total).toBe(11_689_512 + 2 * 4_800);
  });

  it('matches VGG\'s Table 2 (in millions) for every configuration', () => {
    // Simonyan and Zisserman, Table 2: A, A-LRN 133; B 133; C 134; D 138; E 144.
    const table2: Record<string, number> = { vgg11: 133, 'vgg11-lrn': 133, vgg13: 133, vgg16c: 134, vgg16: 138, vgg19: 144 };
    for (const [name, millions] of Object.entries(table2)) expect(Math.round(counts(name).total / 1e6)).toBe(millions);
    // torchvision's vgg11 and vgg13 (same layers): 132,863,336 and 133,047,848.
    expect(counts('vgg11').total).toBe(132_863_336);
    expect(counts('vgg13').total).toBe(133_047_848);
    // C is B plus a 1x1 convolution in blocks 3 to 5: (256*256+256) + 2*(512*512+512).
    expect(counts('vgg16c').total).toBe(133_047_848 + 65_792 + 2 * 262_656);
  });

  it('builds AlexNet with 62,378,344 parameters', () => {
    // conv1 11*11*3*96+96, conv2 5*5*96*256+256, conv3 3*3*256*384+384, conv4 3*3*384*384+384,
    // conv5 3*3*384*256+256, fc6 6*6*256*4096+4096, fc7 4096*4096+4096, fc8 4096*1000+1000.
    const byHand = 34_944 + 614_656 + 885_120 + 1_327_488 + 884_992 + 37_752_832 + 16_781_312 + 4_097_000;
    expect(counts('alexnet').total).toBe(byHand);
    expect(byHand).toBe(62_378_344);
  });

  it('builds GoogLeNet from Table 1, module by module', () => {
    // A module's parameters from its Table 1 row, with biases, given its input channels.
    const moduleParams = (inC: number, [c1, r3, c3, r5, c5, pp]: number[]) =>
      inC * c1 + c1 + (inC * r3 + r3) + (9 * r3 * c3 + c3) + (inC * r5 + r5) + (25 * r5 * c5 + c5) + (inC * pp + pp);
    let channels = 192;
    let modules = 0;
    for (const row of Object.values(INCEPTION_V1_MODULES)) {
      modules += moduleParams(channels, row);
      channels = row[0] + row[2] + row[4] + row[5];
    }
    // conv1 7*7*3*64+64, conv2 reduce 64*64+64, conv2 3*3*64*192+192, classifier 1024*1000+1000.
    expect(channels).toBe(1024);
    expect(counts('googlenet').total).toBe(9_472 + 4_160 + 110_784 + modules + 1_025_000);
    // Table 1's output sizes: 7x7x1024 before the 7x7 average pool.
    const pool5 = summarize(REFERENCES.googlenet.topology({})).layers.find((l) => l.name === 'pool5')!;
    expect(pool5.outputShape).toEqual([null, 1, 1, 1024]);
  });

  it('gives GoogLeNet its auxiliary heads only when asked', () => {
    expect(summarize(REFERENCES.googlenet.topology({})).outputCount).toBe(1);
    expect(summarize(REFERENCES['googlenet-aux'].topology({})).outputCount).toBe(3);
  });

  it('builds the small networks as their comments work out', () => {
    expect(counts('lenet1').total).toBe(104 + 1_212 + 1_930);
    // inception-cifar: stem, module a (64 in), module b (128 in), classifier; see googlenet.ts.
    expect(counts('inception-cifar').total).toBe(1_792 + (2_080 + 3_120 + 27_712 + 520 + 3_216 + 1_040) + (8_256 + 8_256 + 55_392 + 2_064 + 19_248 + 4_128) + 2_410);
    expect(counts('lenet5').total).toBe(61_706);
    expect(counts('vgg-cifar').total).toBe(896 + 9_248 + 18_496 + 36_928 + 73_856 + 147_584 + 262_272 + 1_290);
    expect(counts('nin').total).toBe(14_592 + 30_880 + 15_456 + 460_992 + 37_056 + 37_056 + 331_968 + 37_056 + 1_930);
    // ResNet-20 with projections where the shape changes. Convolutions: conv1 3*3*3*16 = 432;
    // stage 1 six 3*3*16*16 = 13,824; stage 2 3*3*16*32 + 3*3*32*32 + 16*32 + four 3*3*32*32
    // = 4,608 + 9,216 + 512 + 36,864; stage 3 3*3*32*64 + 3*3*64*64 + 32*64 + four 3*3*64*64
    // = 18,432 + 36,864 + 2,048 + 147,456; in all 270,256. Batch-norm gamma and beta:
    // 2*(16 + 6*16 + 7*32 + 7*64) = 1,568. Classifier 64*10+10 = 650.
    expect(counts('resnet20').trainable).toBe(270_256 + 1_568 + 650);
    // Keras' cifar10_resnet v1, depth 20: the same convolutions with biases, but its two 1x1
    // projections are not normalised. conv1 448 + bn 32; stack 1: six (3*3*16*16+16 = 2,320)
    // + six bn 32; stack 2: 3*3*16*32+32 = 4,640, five 3*3*32*32+32 = 9,248, projection
    // 16*32+32 = 544, six bn 64; stack 3: 3*3*32*64+64 = 18,496, five 3*3*64*64+64 = 36,928,
    // projection 32*64+64 = 2,112, six bn 128; classifier 650. Trainable 273,066; the moving
    // statistics 2*(16 + 6*16 + 6*32 + 6*64) = 1,376: the counts the issue quotes for it.
    const keras = counts('resnet20-keras');
    expect(keras.trainable).toBe(448 + 32 + 6 * 2_320 + 6 * 32 + 4_640 + 5 * 9_248 + 544 + 6 * 64 + 18_496 + 5 * 36_928 + 2_112 + 6 * 128 + 650);
    expect(keras.trainable).toBe(273_066);
    expect(keras.total - keras.trainable).toBe(1_376);
  });

  it('uses each paper\'s default input and classes', () => {
    const defaults = Object.fromEntries(Object.entries(REFERENCES).map(([n, r]) => [n, [r.defaults.inputShape.join('x'), r.defaults.numClasses]]));
    expect(defaults.lenet5).toEqual(['28x28x1', 10]);
    expect(defaults.alexnet).toEqual(['227x227x3', 1000]);
    expect(defaults['inception-v3']).toEqual(['299x299x3', 1000]);
    expect(defaults.nin).toEqual(['32x32x3', 10]);
    expect(defaults.resnet50).toEqual(['224x224x3', 1000]);
  });

  it('takes a lab\'s input shape and classes', () => {
    const small = summarize(REFERENCES['vgg-cifar'].topology({ inputShape: [32, 32, 1], numClasses: 7 }));
    expect(small.inputShape).toEqual([null, 32, 32, 1]);
    expect(small.outputShape).toEqual([null, 7]);
  });
});

describe('reference topologies in tfjs', () => {
  // Built with weights by tfjs itself: the JSON is valid, LRN deserialises (GoogLeNet has
  // it), and tfjs' own count agrees. Only the small ones: initialising 4096x4096 layers
  // takes the cpu backend seconds each.
  it.each([
    ['lenet1', {}],
    ['lenet5', {}],
    ['vgg-cifar', {}],
    ['nin', {}],
    ['resnet20', {}],
    ['resnet20-keras', {}],
    ['googlenet', {}],
    ['inception-cifar', {}],
  ] as Array<[string, { inputShape?: number[]; numClasses?: number }]>)('%s', async (name, options) => {
    const { buildReference } = await import('./models');
    const model = await buildReference(name, options);
    expect(model.countParams()).toBe(summarize(REFERENCES[name].topology(options)).totalParams);
    model.dispose();
  });
});
